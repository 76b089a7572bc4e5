"""File → Sync with team server… in the window, against a real PostgreSQL team server: the
connection string asked once (its password never shown), progress, the import's summary
with what was sent, the laptops to trust by their fingerprints, and a refusal told in one
sentence with nothing changed. Each on a plain laptop and on an encrypted one (the remembered
server sealed with its keys)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit
from server_team import Team, forge_next_event

from conftest import plain
from tawthiq import services
from tawthiq.i18n import setup_i18n
from tawthiq.services import team
from tawthiq.services.sync import signing_fingerprint
from tawthiq.ui.server_dialogs import ServerDialog


def _enrol_window(crew: Team, ws) -> str:  # type: ignore[no-untyped-def]
    """The window's laptop enrolled as a documenter: the string its coordinator gives it."""
    return team.enrol(
        crew.coordinator.ws, crew.owner_url, signing_fingerprint(ws), "documenter"
    ).url


def _status(window) -> str:  # type: ignore[no-untyped-def]
    return plain(window.statusBar().currentMessage())


def _digest(ws) -> str:  # type: ignore[no-untyped-def]
    with ws.db.read() as s:
        return services.maintenance.state_digest(s)


def test_sync_from_the_menu_takes_the_teams_work_and_sends_this_laptops(  # type: ignore[no-untyped-def]
    qtbot, window, ws, crew, monkeypatch
) -> None:
    url = _enrol_window(crew, ws)
    theirs = crew.coordinator.new_incident(title_en="Shelling of Ariha", killed=3)
    crew.sync(crew.coordinator)
    with ws.writing() as w:
        mine = services.incidents.create_incident(w, {"title_en": "Maram camp", "injured": 7})
    shown: list[tuple[str, str]] = []

    def exec_(dialog: ServerDialog) -> int:
        """The person pastes the string the coordinator gave; its password leaves sight."""
        shown.append((dialog.url.text(), dialog.password.text()))
        if not dialog.url.text():
            QApplication.clipboard().setText(url)
            dialog.url.setFocus()
            dialog.url.paste()
        shown.append((dialog.url.text(), dialog.password.text()))
        return 1

    monkeypatch.setattr(ServerDialog, "exec", exec_)
    asked: list[tuple[object, ...]] = []
    window.server.ask_trust = lambda devices: asked.append(devices) or True
    window.actions_["server"].trigger()
    assert not window.actions_["server"].isEnabled()  # cannot be started twice
    window.server.start()
    assert "already under way" in _status(window)
    qtbot.waitUntil(lambda: hasattr(window.server, "long_work"), timeout=10_000)
    assert window.server.long_work[1].labelText() == "Syncing with the team server…"
    qtbot.waitUntil(lambda: window.server.summary is not None, timeout=60_000)
    assert window.actions_["server"].isEnabled()
    password = team_password(url)
    assert shown[0] == ("", "")  # never synced: nothing to fill in
    assert password not in shown[1][0] and shown[1][1] == password
    assert shown[1][0].startswith("postgresql://") and "@" in shown[1][0]
    # the coordinator is new to this laptop, and taken without a question: the string it
    # gave carries its key's fingerprint (a laptop enrolled by someone else would be asked)
    assert asked == []
    coordinator = crew.coordinator.ws.identity.device_id
    summary = window.server.summary
    assert summary.isVisible() and summary.windowTitle() == "Sync finished"
    assert summary.counts.text() == "1 new incident; 0 changed."
    said = plain(summary.synced.text())
    assert "as documenter" in said and password not in said
    sent = int(said.split(" taken, ")[1].split(" sent")[0])
    assert sent > 0
    assert coordinator[:8] in summary.accepted_list.text()
    assert (
        summary.server.text().startswith("postgresql://") and password not in summary.server.text()
    )
    qtbot.waitUntil(lambda: window.incidents.model.total == 2, timeout=10_000)
    assert window.incidents.select(theirs)
    # what this laptop sent reached the coordinator through the server
    crew.sync(crew.coordinator)
    assert crew.coordinator.incident(mine).injured.max == 7
    # the next time, the remembered server is filled in, its password still out of sight
    window.server.summary = None
    window.actions_["server"].trigger()
    qtbot.waitUntil(lambda: window.server.summary is not None, timeout=60_000)
    assert shown[2][0] == shown[1][0] and shown[2][1] == password
    assert asked == []


def team_password(url: str) -> str:
    from tawthiq.services.desk_sync import without_password

    return without_password(url)[1]


def test_a_laptop_not_trusted_is_shown_by_its_fingerprint_and_taken_once_accepted(  # type: ignore[no-untyped-def]
    qtbot, window, ws, crew
) -> None:
    url = _enrol_window(crew, ws)
    basel = crew.enrol("basel")
    from_basel = basel.new_incident(title_en="Airstrike on Maarat", injured=4)
    crew.sync(basel)  # on the server; the coordinator never synced, so nobody vouched for it
    window.server.ask_server = lambda remembered: url
    window.server.ask_trust = lambda devices: False
    window.actions_["server"].trigger()
    qtbot.waitUntil(lambda: window.server.summary is not None, timeout=60_000)
    waiting = window.server.summary.waiting_list
    texts = set(plain(waiting.text()).splitlines())
    fp = team.fingerprint_of(basel.ws.identity.public_key_hex).replace(" ", "\u00a0")
    assert f"Laptop {basel.ws.identity.device_id[:8]}: key fingerprint {fp}" in texts
    assert "not trusted here was not taken" in _status(window)
    assert window.incidents.model.total == 0
    # accepted the second time: Basel's work arrives
    window.server.summary.close()
    window.server.summary = None
    window.server.ask_trust = lambda devices: True
    window.actions_["server"].trigger()
    qtbot.waitUntil(lambda: window.server.summary is not None, timeout=60_000)
    summary = window.server.summary
    assert summary.counts.text() == "1 new incident; 0 changed."
    assert summary.waiting_list.isHidden()
    (accepted,) = summary.accepted_list.text().splitlines()
    assert basel.ws.identity.device_id[:8] in accepted and "«basel»" in plain(accepted)
    qtbot.waitUntil(lambda: window.incidents.model.total == 1, timeout=10_000)
    assert window.incidents.select(from_basel)


def test_a_wrong_password_is_told_in_one_sentence_and_changes_nothing(  # type: ignore[no-untyped-def]
    qtbot, window, ws, crew
) -> None:
    url = _enrol_window(crew, ws)
    crew.coordinator.new_incident(title_en="kept on the server")
    crew.sync(crew.coordinator)
    with ws.writing() as w:
        services.incidents.create_incident(w, {"title_en": "mine"})
    before = _digest(ws)
    password = team_password(url)
    wrong = url.replace(f":{password}@", ":not-the-password@")
    assert wrong != url
    told: list[str] = []
    window.server.ask_server = lambda remembered: wrong
    window.server.tell_error = told.append
    window.actions_["server"].trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=60_000)
    (sentence,) = told
    assert "refused the login" in sentence and "not-the-password" not in sentence
    assert "\n" not in sentence
    assert window.server.summary is None and window.actions_["server"].isEnabled()
    assert _digest(ws) == before
    assert window.desk.sync.remembered_server() is None  # nothing kept of it either
    assert team.sync(crew.coordinator.ws, crew.owner_url).pulled.new == 0  # nothing sent
    # in Arabic: the same sentence, the server's address kept whole, left to right
    setup_i18n("ar")
    told.clear()
    window.actions_["server"].trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=60_000)
    assert "رفض الخادم" in told[0] and "\u2066postgresql://" in told[0]
    assert _digest(ws) == before


def test_the_server_dialog_keeps_the_password_out_of_sight(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = ServerDialog(None)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    assert dialog.password.echoMode() == QLineEdit.EchoMode.Password
    dialog.url.setText("http://example.org")
    assert not ok.isEnabled() and "postgresql://" in dialog.problem.text()
    dialog.url.clear()
    # typed by hand: the password leaves the field once the typing is done
    qtbot.keyClicks(dialog.url, "postgresql://amal:s3cr%40t@10.0.0.5/team?sslmode=verify-full")
    dialog.url.editingFinished.emit()
    assert dialog.url.text() == "postgresql://amal@10.0.0.5/team?sslmode=verify-full"
    assert dialog.password.text() == "s3cr@t" and ok.isEnabled()
    assert dialog.connection() == "postgresql://amal:s3cr%40t@10.0.0.5/team?sslmode=verify-full"
    remembered = ServerDialog("postgresql://amal:s3cr%40t@10.0.0.5/team", None)
    qtbot.addWidget(remembered)
    assert remembered.url.text() == "postgresql://amal@10.0.0.5/team"
    assert remembered.password.text() == "s3cr@t"


def test_a_laptop_whose_events_fail_a_check_is_shown_plainly_and_the_rest_is_taken(  # type: ignore[no-untyped-def]
    qtbot, window, ws, crew
) -> None:
    url = _enrol_window(crew, ws)
    amal, basel = crew.enrol("amal"), crew.enrol("basel")
    amal.new_incident(title_en="honest")
    crew.sync(amal)
    from_basel = basel.new_incident(title_en="Basel's honest work")
    crew.sync(basel)
    forge_next_event(crew.owner_url, amal.ws.identity.device_id)
    window.server.ask_server = lambda remembered: url
    window.server.ask_trust = lambda devices: True
    window.actions_["server"].trigger()
    qtbot.waitUntil(lambda: window.server.summary is not None, timeout=60_000)
    refused = window.server.summary.refused_list
    assert refused.isVisibleTo(window.server.summary)
    (line,) = plain(refused.text()).splitlines()
    assert line.startswith(f"Laptop {amal.ws.identity.device_id[:8]}: ")
    assert "\n" not in line and "Traceback" not in line
    assert "this database is damaged" not in line  # the server's copy, not this laptop's
    qtbot.waitUntil(lambda: window.incidents.model.total == 1, timeout=10_000)
    assert window.incidents.select(from_basel)  # the rest came


def test_work_dated_ahead_of_this_laptops_clock_is_asked_about_then_taken(  # type: ignore[no-untyped-def]
    qtbot, window, ws, crew, monkeypatch
) -> None:
    from tawthiq.store import hlc

    url = _enrol_window(crew, ws)
    basel = crew.enrol("basel")
    now = hlc.wall_ms()
    monkeypatch.setattr(hlc, "wall_ms", lambda: now + 365 * hlc.DAY_MS)  # Basel's clock
    ahead = basel.new_incident(title_en="from a laptop set a year ahead")
    crew.sync(basel)
    monkeypatch.setattr(hlc, "wall_ms", lambda: now)
    window.server.ask_server = lambda remembered: url
    window.server.ask_trust = lambda devices: True
    asked: list[tuple[object, ...]] = []
    window.server.ask_clock_ahead = lambda devices, server: asked.append((devices, server)) or False
    window.actions_["server"].trigger()
    qtbot.waitUntil(lambda: window.server.summary is not None, timeout=60_000)
    (device,), server = asked[0]  # type: ignore[misc]
    assert device.device_id == basel.ws.identity.device_id and round(device.days) == 365
    assert server == window.server.summary.server.text()
    (line,) = plain(window.server.summary.refused_list.text()).splitlines()
    assert line.startswith(f"Laptop {basel.ws.identity.device_id[:8]}: ")
    assert window.incidents.model.total == 0
    # the person checked with Basel: the work is taken, its dates as signed
    window.server.summary = None
    window.server.ask_clock_ahead = lambda devices, server: asked.append(devices) or True
    window.actions_["server"].trigger()
    qtbot.waitUntil(lambda: window.server.summary is not None, timeout=60_000)
    assert len(asked) == 2 and window.server.summary.refused_list.isHidden()
    qtbot.waitUntil(lambda: window.incidents.model.total == 1, timeout=10_000)
    assert window.incidents.select(ahead)


def test_a_sync_stopped_keeps_nothing_of_what_it_began(  # type: ignore[no-untyped-def]
    qtbot, window, ws, crew, monkeypatch
) -> None:
    from tawthiq.ui import server_flow

    url = _enrol_window(crew, ws)
    crew.coordinator.new_incident(title_en="on the server")
    crew.sync(crew.coordinator)
    before = _digest(ws)
    real = server_flow.run_long

    def stopped_at_once(*args, **kwargs):  # type: ignore[no-untyped-def]
        """The person presses Stop as soon as the progress shows."""
        running, dialog = real(*args, **kwargs)
        running.cancel()
        return running, dialog

    monkeypatch.setattr(server_flow, "run_long", stopped_at_once)
    window.server.ask_server = lambda remembered: url
    window.server.ask_trust = lambda devices: True
    window.actions_["server"].trigger()
    qtbot.waitUntil(lambda: "Stopped" in _status(window), timeout=60_000)
    assert window.server.summary is None and window.actions_["server"].isEnabled()
    assert _digest(ws) == before and window.incidents.model.total == 0
