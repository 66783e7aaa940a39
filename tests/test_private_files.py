"""History and state files stay private: no writing through symbolic links, no open directories."""

import os
import stat

import pytest

from conftest import run_in_process
from midoshell import config
from midoshell.interactive.shell import MaskedHistory, history, history_path
from midoshell.private import UnsafePathError, open_private, private_dir


def mode(path):
    return stat.S_IMODE(os.lstat(path).st_mode)


def planted_link(tmp_path):
    """A history path that is a symbolic link to another file (0644, with content)."""
    target = tmp_path / "victim"
    target.write_text("keep me\n")
    os.chmod(target, 0o644)
    folder = tmp_path / "state" / "midoshell"
    folder.mkdir(mode=0o700)
    os.symlink(target, folder / "history")
    return target


def test_a_history_file_that_is_a_symlink_is_refused(tmp_path, capsys):
    target = planted_link(tmp_path)
    with pytest.raises(UnsafePathError, match="symbolic link"):
        history_path()
    kept = history()  # the shell still starts, with this session's lines only
    kept.store_string("list router")
    assert "history not saved" in capsys.readouterr().err
    assert target.read_text() == "keep me\n" and mode(target) == 0o644


def test_a_symlink_planted_after_start_is_not_written_through(tmp_path, capsys):
    kept = MaskedHistory(str(history_path()))
    path = tmp_path / "state" / "midoshell" / "history"
    path.unlink()
    target = tmp_path / "victim"
    target.write_text("")
    os.symlink(target, path)
    kept.store_string("list router")
    assert target.read_text() == "" and "symbolic link" in capsys.readouterr().err


def test_the_history_env_path_is_not_followed_either(tmp_path, monkeypatch):
    target = tmp_path / "victim"
    target.write_text("x")
    os.symlink(target, tmp_path / "hist")
    monkeypatch.setenv("MIDOSHELL_HISTFILE", str(tmp_path / "hist"))
    with pytest.raises(UnsafePathError):
        history_path()


def test_a_device_or_fifo_is_not_a_history_file(tmp_path):
    os.mkfifo(tmp_path / "fifo")
    with pytest.raises(UnsafePathError, match="not a regular file"):
        os.close(open_private(tmp_path / "fifo", os.O_RDONLY | os.O_NONBLOCK))


@pytest.mark.parametrize("kind", ["STATE", "DATA"])
def test_an_open_directory_of_ours_is_tightened(tmp_path, kind):
    folder = tmp_path / kind.lower() / "midoshell"
    folder.mkdir()
    os.chmod(folder, 0o777)
    assert config.xdg_dir(kind) == folder
    assert mode(folder) == 0o700


def test_the_sandbox_state_directory_is_tightened_in_use(tmp_path):
    folder = tmp_path / "data" / "midoshell"
    folder.mkdir()
    os.chmod(folder, 0o777)
    env = {k: v for k, v in os.environ.items() if not k.startswith("MIDO")}
    env["PYTHONPATH"] = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    done = run_in_process(["-c", "list host"], env)
    assert done.returncode == 0, done.stderr
    assert mode(folder) == 0o700 and (folder / "sandbox.db").exists()


def test_another_users_directory_is_refused(tmp_path, monkeypatch):
    folder = tmp_path / "theirs"
    folder.mkdir(mode=0o700)
    monkeypatch.setattr(os, "getuid", lambda: os.stat(folder).st_uid + 1)
    with pytest.raises(UnsafePathError, match="belongs to another user"):
        private_dir(folder)


def test_an_open_parent_of_ours_loses_its_write_bits(tmp_path):
    parent = tmp_path / "state"
    os.chmod(parent, 0o777)
    config.xdg_dir("STATE")
    assert mode(parent) == 0o755 and mode(parent / "midoshell") == 0o700


def test_a_sticky_shared_parent_is_fine_and_left_alone(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    assert private_dir(shared / "mine") == shared / "mine"
    assert mode(shared) == 0o1777


def test_another_users_open_parent_is_refused(tmp_path, monkeypatch):
    parent = tmp_path / "theirs"
    parent.mkdir()
    os.chmod(parent, 0o777)
    owner = os.stat(parent).st_uid
    real_stat = os.stat

    def stat_as_if_not_ours(path, *args, **kwargs):
        info = real_stat(path, *args, **kwargs)
        if str(path) == str(parent):
            fields = list(info)
            fields[stat.ST_UID] = owner + 1
            return os.stat_result(fields)
        return info

    monkeypatch.setattr(os, "stat", stat_as_if_not_ours)
    with pytest.raises(UnsafePathError, match="can be written by other users"):
        private_dir(parent / "midoshell")
