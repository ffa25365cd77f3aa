"""`fazhi serve` registers the harvest flow on the configured nightly cron."""

from __future__ import annotations

from flows.schedule import nightly_deployment


def test_default_schedule_is_two_am_beijing_time() -> None:
    deployment = nightly_deployment("seeds/sources.csv")
    [schedule] = deployment.schedules
    assert schedule.schedule.cron == "0 2 * * *"
    assert schedule.schedule.timezone == "Asia/Shanghai"
    assert deployment.parameters["sources_file"] == "seeds/sources.csv"
    assert deployment.name == "nightly-harvest"


def test_cron_and_timezone_are_configurable() -> None:
    deployment = nightly_deployment("s.csv", "/tmp/w.duckdb", cron="30 3 * * 1-5", timezone="UTC")
    [schedule] = deployment.schedules
    assert (schedule.schedule.cron, schedule.schedule.timezone) == ("30 3 * * 1-5", "UTC")
    assert deployment.parameters["warehouse"] == "/tmp/w.duckdb"


def test_prefect_yaml_deploys_the_same_flow_on_the_same_schedule() -> None:
    import yaml

    from tasks.paths import PROJECT_ROOT

    config = yaml.safe_load((PROJECT_ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    nightly = next(d for d in config["deployments"] if d["name"] == "nightly-harvest")
    module, _, name = nightly["entrypoint"].partition(":")
    assert (PROJECT_ROOT / module).exists() and name == "deployed_harvest"
    assert nightly["schedules"] == [{"cron": "0 2 * * *", "timezone": "Asia/Shanghai"}]
    deployment = nightly_deployment("seeds/sources.csv")
    assert deployment.schedules[0].schedule.cron == nightly["schedules"][0]["cron"]


def test_a_served_or_deployed_run_takes_its_task_runner_from_settings_when_it_starts() -> None:
    import os
    import subprocess
    import sys

    from tasks.paths import PROJECT_ROOT

    # Importing the flows reads no setting; the deployed entries pick the runner at run time.
    script = ("from fazhi.settings import Settings\nfrom flows.runners import runner_for\n"
              "from flows.schedule import deployed_harvest\nfrom flows.harvest import harvest\n"
              "runner = runner_for(Settings.from_env().runner)\n"
              "print(type(harvest.task_runner).__name__, type(runner).__name__,"
              " getattr(runner, '_max_workers', None))")
    env = {**os.environ, "FAZHI_TASK_RUNNER": "process", "FAZHI_WORKERS": "3"}
    out = subprocess.run([sys.executable, "-c", script], env=env, cwd=PROJECT_ROOT,
                         capture_output=True, text=True, check=True).stdout.split()
    assert out == ["ThreadPoolTaskRunner", "SharedApiProcessPool", "3"]
    env.pop("FAZHI_TASK_RUNNER")
    out = subprocess.run([sys.executable, "-c", script], env=env, cwd=PROJECT_ROOT,
                         capture_output=True, text=True, check=True).stdout.split()
    assert out[1] == "ThreadPoolTaskRunner"


def test_a_bad_runner_setting_or_worker_count_is_one_clear_line() -> None:
    import os
    import subprocess
    import sys

    from tasks.paths import PROJECT_ROOT

    def fazhi(env: dict, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "fazhi.cli", "reprocess", *args],
                              env={**os.environ, **env}, cwd=PROJECT_ROOT,
                              capture_output=True, text=True)

    for env, message in (({"FAZHI_TASK_RUNNER": "procs"}, "FAZHI_TASK_RUNNER='procs'"),
                         ({"FAZHI_TASK_RUNNER": "process", "FAZHI_WORKERS": "0"},
                          "FAZHI_WORKERS='0'")):
        run = fazhi(env)
        assert run.returncode == 1 and "Traceback" not in run.stderr
        assert run.stderr.startswith("fazhi: ") and message in run.stderr
    run = fazhi({}, "--workers", "-2")
    assert run.returncode == 2 and "--workers" in run.stderr and "Traceback" not in run.stderr
