"""Everything the program keeps on disk.

The schema of both SQLite files is defined once, in models.py: new databases are
made from it (userdb.create_schema, bankdb.write_bank), the migrations are checked
against it, and tests/test_schema.py compiles every statement of a sitting against
it. Each table has one module that reads and writes it:

    attempts, attempt_items   attempts.py   (plain sqlite3 reads at the start, ORM writes)
    cards, review_logs        cards.py
    meta (user database)      userdb.py (the schema version, with migrations.py); its row
                              attempt_id_high is attempts.py's, in the transaction of a new attempt
    items, meta (the bank)    bankdb.py     (bank.py turns the text into its rows)

settings.json is settings.py's, the imported banks' folders userbanks.py's, the
exported files export.py's.
"""
