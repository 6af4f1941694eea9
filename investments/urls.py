from django.urls import path

from investments import views

app_name = "investments"

urlpatterns = [
    # The public investment map, asset pages and investors' interest
    path("", views.asset_map, name="map"),
    path("map.json", views.map_data, name="map-data"),
    path("<int:pk>/", views.asset_detail, name="detail"),
    path("<int:pk>/interest/", views.interest_new, name="interest"),
    path("<int:pk>/interest/sent/", views.interest_sent, name="interest-sent"),
    path("photos/<int:pk>/", views.asset_photo, name="photo"),
    # Staff: the inventory and its review
    path("manage/", views.manage_list, name="manage"),
    path("manage/export.xlsx", views.assets_export, name="export"),
    path("manage/new/", views.asset_edit, name="new"),
    path("manage/<int:pk>/", views.asset_edit, name="edit"),
    path("manage/<int:pk>/review/", views.asset_review_act, name="review"),
    path("manage/documents/<int:pk>/", views.asset_document, name="document"),
    path("manage/import/", views.import_new, name="import-new"),
    path("manage/import/template.xlsx", views.import_template, name="import-template"),
    path("manage/import/<int:pk>/", views.import_preview, name="import"),
    path("manage/import/<int:pk>/confirm/", views.import_confirm, name="import-confirm"),
    # Staff: figures and leads
    path("figures/", views.figures, name="figures"),
    path("figures/export.xlsx", views.figures_export, name="figures-export"),
    path("leads/", views.lead_list, name="leads"),
    path("leads/<int:pk>/", views.lead_update_act, name="lead-update"),
]
