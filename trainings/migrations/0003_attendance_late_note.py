from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("trainings", "0002_normalise_stored_phone_numbers"),
    ]

    operations = [
        migrations.AddField(
            model_name="attendance",
            name="note",
            field=models.TextField(blank=True, verbose_name="note"),
        ),
    ]
