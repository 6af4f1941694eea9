from rest_framework import serializers

from portal.models import District, Governorate, StaffProfile


class GovernorateSerializer(serializers.ModelSerializer):
    country = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Governorate
        fields = [
            "code",
            "country",
            "kind",
            "name_ar",
            "name_en",
            "iso_code",
            "latitude",
            "longitude",
        ]


class DistrictSerializer(serializers.ModelSerializer):
    governorate = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = District
        fields = ["code", "governorate", "kind", "name_ar", "name_en"]


class StaffProfileSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="user.username", read_only=True)
    full_name = serializers.CharField(source="user.get_full_name", read_only=True)
    governorate = serializers.SlugRelatedField(slug_field="code", read_only=True)
    district = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = StaffProfile
        fields = ["id", "username", "full_name", "role", "job_title", "governorate", "district"]
