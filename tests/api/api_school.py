"""The demo school of the browser tests (tests/browser/demo_school.py) set up for the API: an
admin token in a secret file, a call list that looks 60 days ahead, mentors' tokens from
`lobsync tokens issue`, and a config reload (SIGHUP) to take the admin token away again."""

import os
import signal
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "browser"))
from demo_school import DemoSchool  # noqa: E402

ADMIN_TOKEN = "admin-token-for-the-api-contract-test"


class ApiSchool(DemoSchool):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.admin_token_file = os.path.join(self.dir, "admin-token")
        # The daemon refuses secret files others may read.
        fd = os.open(self.admin_token_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(ADMIN_TOKEN)

    def _config(self, smtp_port, assignment_days):
        config = super()._config(smtp_port, assignment_days)
        config["http"]["admin_token"] = {"file": self.admin_token_file}
        config["notices"]["call_list_days"] = 60
        return config

    @property
    def port(self):
        return int(self.base.rsplit(":", 1)[1])

    def issue_token(self, mentor):
        return self.cli("tokens", "issue", "--mentor", mentor)["token"]

    def revoke_tokens(self, mentor):
        return self.cli("tokens", "revoke", "--mentor", mentor)["revoked"]

    def reload_without_admin_token(self):
        """Drops http.admin_token from the config and waits until `serve` has reloaded it."""
        del self.config["http"]["admin_token"]
        self.write_config()
        serve = next(p for p in self.processes if p.args[1] == "serve")
        before = self._reloads()
        os.kill(serve.pid, signal.SIGHUP)
        deadline = time.monotonic() + 60  # a guard against hanging, not a speed requirement
        while self._reloads() == before:
            if time.monotonic() > deadline or serve.poll() is not None or "keeping the running config" in self._log():
                raise AssertionError("serve did not reload its config:\n" + open(self.serve_log).read()[-3000:])
            time.sleep(0.05)

    def _log(self):
        with open(self.serve_log, encoding="utf-8", errors="replace") as f:
            return f.read()

    def _reloads(self):
        return self._log().count("config reloaded")

