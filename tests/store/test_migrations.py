"""The Alembic migrations and the typed models describe the same schema, on both databases."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from onewindow.store import db
from onewindow.store.models import Base


def test_migrated_schema_matches_the_models(db_url):
    engine = db.make_engine(db_url)
    db.upgrade(engine)
    db.upgrade(engine)  # idempotent
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == []
