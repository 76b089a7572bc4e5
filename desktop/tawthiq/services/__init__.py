"""The application's use cases: the one API that the command line and the window call."""

from tawthiq.services.incidents import (
    Change,
    add_source_report,
    count_incidents,
    create_incident,
    create_incidents,
    delete_incident,
    edit_incident,
    get_incident,
    history,
    link_source_report,
    list_incidents,
    resolve_id,
    source_reports_of,
)
from tawthiq.services.maintenance import RebuildResult, VerifyReport, rebuild, state_digest, verify
from tawthiq.services.settings import data_dir
from tawthiq.services.workspace import Workspace, default_db_path, open_workspace

__all__ = [
    "Change",
    "RebuildResult",
    "VerifyReport",
    "Workspace",
    "add_source_report",
    "count_incidents",
    "create_incident",
    "create_incidents",
    "data_dir",
    "default_db_path",
    "delete_incident",
    "edit_incident",
    "get_incident",
    "history",
    "link_source_report",
    "list_incidents",
    "open_workspace",
    "rebuild",
    "resolve_id",
    "source_reports_of",
    "state_digest",
    "verify",
]
