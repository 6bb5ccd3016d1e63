"""Which database the platform uses: DATABASE_URL when set, else the embedded server."""

from config import devdb


def test_database_url_wins_over_the_embedded_server(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://wijk:geheim@db.example.nl:6543/buurten")
    monkeypatch.setattr(devdb, "embedded_database_settings", lambda: pytest_fail())
    settings = devdb.database_settings()
    assert settings["ENGINE"] == "config.db"  # django-tenants, with schema-keeping on_commit
    assert (settings["HOST"], settings["PORT"], settings["NAME"]) == (
        "db.example.nl",
        6543,
        "buurten",
    )
    assert (settings["USER"], settings["PASSWORD"]) == ("wijk", "geheim")


def test_without_database_url_the_embedded_server_is_started_and_reused(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    first = devdb.database_settings()
    second = devdb.database_settings()
    assert first == second
    assert first["NAME"] == devdb.DATABASE_NAME
    assert str(devdb.PGDATA) in first["HOST"] or first["HOST"].startswith("/")


def pytest_fail():
    raise AssertionError("the embedded server must not start when DATABASE_URL is set")
