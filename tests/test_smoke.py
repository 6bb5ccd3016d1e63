from tests.base import client_for


def test_buurt_home_shows_its_name(alpha):
    response = client_for(alpha).get("/")
    assert response.status_code == 200
    assert "Alphabuurt" in response.content.decode()
