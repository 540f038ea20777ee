"""Uploaded documents get checked types and random names; licences and qualification documents
move out of MEDIA_ROOT into the private storage.

Existing files are checked as new uploads are, renamed ``<random hex>.<checked extension>``
(no extension and no recorded type when the check fails, so they are only ever downloaded) and
moved: licences and qualification documents from the default storage into the private one,
inspection reports within the default storage. A row whose file is missing is left as it is.
"""

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import migrations, models

import catalog.uploads
import catalog.validators

#: (model, file field, type field, folder, whether the file becomes private)
DOCUMENT_FIELDS = [
    ("QualificationDocument", "file", "content_type", "qualifications", True),
    ("CooperativeApplication", "business_license", "business_license_content_type", "applications", True),
    ("ProductionBatch", "inspection_report", "inspection_report_content_type", "inspections", False),
]


def documents_move(apps, schema_editor):
    for model_name, file_field, type_field, folder, private in DOCUMENT_FIELDS:
        model = apps.get_model("catalogue", model_name)
        target = catalog.uploads.private_storage if private else default_storage
        rows = model.objects.exclude(**{file_field: ""}).values_list("pk", file_field)
        for pk, name in rows.iterator():
            if not default_storage.exists(name):
                continue
            with default_storage.open(name, "rb") as source:
                try:
                    checked = catalog.validators.document_upload_type(source)
                    extension, content_type = checked.extension, checked.content_type
                except ValidationError:
                    extension, content_type = "", ""
                new_name = target.save(catalog.uploads.RandomName(folder)(None, f"x{extension}"), source)
            model.objects.filter(pk=pk).update(**{file_field: new_name, type_field: content_type})
            default_storage.delete(name)


class Migration(migrations.Migration):

    dependencies = [
        ('catalogue', '0037_listing_review'),
    ]

    operations = [
        migrations.AddField(
            model_name='cooperativeapplication',
            name='business_license_content_type',
            field=models.CharField(blank=True, editable=False, max_length=50, verbose_name='营业执照文件类型'),
        ),
        migrations.AddField(
            model_name='productionbatch',
            name='inspection_report_content_type',
            field=models.CharField(blank=True, editable=False, max_length=50, verbose_name='检测报告文件类型'),
        ),
        migrations.AddField(
            model_name='qualificationdocument',
            name='content_type',
            field=models.CharField(blank=True, editable=False, max_length=50, verbose_name='文件类型'),
        ),
        migrations.AlterField(
            model_name='cooperativeapplication',
            name='business_license',
            field=catalog.uploads.CheckedDocumentField(content_type_field='business_license_content_type', max_length=200, storage=catalog.uploads.PrivateStorage(), upload_to=catalog.uploads.RandomName('applications'), validators=[catalog.validators.validate_document_upload], verbose_name='营业执照'),
        ),
        migrations.AlterField(
            model_name='productionbatch',
            name='inspection_report',
            field=catalog.uploads.CheckedDocumentField(blank=True, content_type_field='inspection_report_content_type', max_length=200, upload_to=catalog.uploads.RandomName('inspections'), validators=[catalog.validators.validate_document_upload], verbose_name='检测报告'),
        ),
        migrations.AlterField(
            model_name='qualificationdocument',
            name='file',
            field=catalog.uploads.CheckedDocumentField(content_type_field='content_type', max_length=200, storage=catalog.uploads.PrivateStorage(), upload_to=catalog.uploads.RandomName('qualifications'), validators=[catalog.validators.validate_document_upload], verbose_name='文件'),
        ),
        migrations.RunPython(documents_move, migrations.RunPython.noop),
    ]
