"""Seed data for the demo environment."""

# A "test user" copied from production: this is the leak sondier exists to catch.
TEST_USER = {
    "nir": "174046912301832",
    "email": "j.durand@gmail.com",
    "phone": "+33 (0)6 45 91 27 38",
}

# Documented placeholders and look-alikes: none of these is reported.
PLACEHOLDERS = {
    "email": "prenom.nom@example.com",
    "noreply": "noreply@beta.gouv.fr",
    "bot": "41898282+github-actions[bot]@users.noreply.github.com",
    "phone": "06 12 34 56 78",
    "fiction": "01 99 00 12 34",
    "iban": "FR76 3000 6000 0112 3456 7890 189",
    "nir_bad_key": "1 85 05 78 006 084 92",
    "retina": "static/logo@2x.png",
    "package": "lodash@4.17.21",
    "remote": "git@github.com:betagouv/demo.git",
    "latitude": 49.0803858577,
    "request_id": "123e4567-e89b-12d3-a456-426614174000",
}
