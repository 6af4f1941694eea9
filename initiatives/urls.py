from django.urls import path

from initiatives.views import awards, field, projects, stories

app_name = "initiatives"

urlpatterns = [
    # Initiatives and projects: public pages, staff records, progress and obstacles
    path("", projects.initiative_list, name="list"),
    path("map.json", projects.map_data, name="map-data"),
    path("<int:pk>/", projects.initiative_detail, name="detail"),
    path("manage/", projects.manage_list, name="manage"),
    path("manage/export.xlsx", projects.initiatives_export, name="export"),
    path("manage/new/", projects.initiative_edit, name="new"),
    path("manage/<int:pk>/", projects.initiative_edit, name="edit"),
    path("manage/<int:pk>/progress/", projects.progress_new, name="progress-new"),
    path("manage/<int:pk>/obstacles/new/", projects.obstacle_new, name="obstacle-new"),
    path("progress/", projects.progress_queue, name="progress"),
    path("progress/<int:pk>/review/", projects.progress_review_act, name="progress-review"),
    path("progress/photos/<int:pk>/", projects.progress_photo, name="progress-photo"),
    path("obstacles/", projects.obstacle_list, name="obstacles"),
    path("obstacles/export.xlsx", projects.obstacles_export, name="obstacles-export"),
    path("obstacles/<int:pk>/resolve/", projects.obstacle_resolve_act, name="obstacle-resolve"),
    # Field work: inspections and directives
    path("inspections/", field.inspection_list, name="inspections"),
    path("inspections/new/", field.inspection_new, name="inspection-new"),
    path("inspections/export.xlsx", field.inspections_export, name="inspections-export"),
    path("inspections/<int:pk>/", field.inspection_detail, name="inspection"),
    path("inspections/photos/<int:pk>/", field.inspection_photo, name="inspection-photo"),
    path("inspections/findings/<int:pk>/complaint/", field.finding_complaint, name="finding-complaint"),
    path("inspections/findings/<int:pk>/obstacle/", field.finding_obstacle, name="finding-obstacle"),
    path("directives/", field.directive_list, name="directives"),
    path("directives/new/", field.directive_new, name="directive-new"),
    path("directives/export.xlsx", field.directives_export, name="directives-export"),
    path(
        "directives/assignments/<int:pk>/complete/", field.assignment_complete_act, name="assignment-complete"
    ),
    # Successful experiences
    path("stories/", stories.story_list, name="stories"),
    path("stories/<int:pk>/", stories.story_detail, name="story"),
    path("stories/<int:pk>/replicate/", stories.story_replicate_act, name="story-replicate"),
    path("manage/<int:pk>/story/", stories.story_edit, name="story-edit"),
    # Award cycles of the forum of initiatives
    path("awards/", awards.cycle_list, name="awards"),
    path("awards/<int:pk>/", awards.cycle_detail, name="award"),
    path("awards/<int:pk>/nominate/", awards.nominate, name="nominate"),
    path("awards/<int:pk>/judge/", awards.judge, name="judge"),
    path("awards/<int:pk>/<str:what>/", awards.cycle_act, name="award-act"),
    path("awards/nominations/<int:pk>/score/", awards.score, name="score"),
]
