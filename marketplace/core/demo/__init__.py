"""Demo data for the Fès–Meknès marketplace: a catalogue seeded by `manage.py seed_demo`.

The producers, their addresses, phone numbers and e-mails are invented; the
places, products and quality labels are those of the region.
"""
