"""`make image`: build the production image with whichever engine is installed.

    python3 -m tools.image [--engine docker|podman|buildah] [--tag TAG] [--local-base]

The engine is docker when a Docker engine answers, else podman, else buildah (with
`--isolation chroot`). The base is the Dockerfile's default `PYTHON_BASE` when it is present
or can be pulled; where no registry is reachable (this project's machines) it is a Debian
bookworm base made here: `debootstrap --variant=minbase` with Debian's python3, imported into
the engine as the local base, and kept there for the next build. uv comes from PyPI inside the
build. The host's CA bundle goes in as the build secret `ca` (a TLS-inspecting proxy's CA
stays out of the image). Standard library only: this runs before any virtualenv exists.
"""

import argparse
import contextlib
import hashlib
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = ROOT / "Dockerfile"
DEFAULT_TAG = "mentoring-coaching:dev"
LOCAL_BASE_NAME = "localhost/mentoring-coaching-base"
DEBIAN_MIRROR = "http://deb.debian.org/debian"
# python3-venv brings ensurepip, which the builder uses to install uv from PyPI.
BASE_PACKAGES = ("python3", "python3-venv", "ca-certificates")
HOST_CA_BUNDLE = Path("/etc/ssl/certs/ca-certificates.crt")
PULL_TIMEOUT_SECONDS = 300
BUILD_TIMEOUT_SECONDS = 1800
# What debian:bookworm-slim leaves out, so that later apt-get installs (tini) leave it out too.
SLIM_DPKG_EXCLUDES = """\
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-exclude /usr/share/lintian/*
"""
# What Debian's own images configure: apt keeps no package caches in the image's layers.
_REMOVE_APT_CACHES = (
    '"rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb '
    '/var/cache/apt/*.bin || true"'
)
APT_DOCKER_CLEAN = (
    f"DPkg::Post-Invoke {{ {_REMOVE_APT_CACHES}; }};\n"
    f"APT::Update::Post-Invoke {{ {_REMOVE_APT_CACHES}; }};\n"
    'Dir::Cache::pkgcache "";\n'
    'Dir::Cache::srcpkgcache "";\n'
)
SLIM_REMOVED = (
    "var/cache/apt/archives",
    "var/lib/apt/lists",
    "usr/share/doc",
    "usr/share/man",
    "usr/share/info",
    "usr/share/locale",
)


def local_base() -> str:
    """The local base's name; its tag changes with its recipe, so a changed recipe makes a
    new base instead of reusing the old one."""
    recipe = repr(
        (BASE_PACKAGES, DEBIAN_MIRROR, SLIM_DPKG_EXCLUDES, APT_DOCKER_CLEAN, SLIM_REMOVED)
    )
    return f"{LOCAL_BASE_NAME}:bookworm-{hashlib.sha256(recipe.encode()).hexdigest()[:12]}"


def dockerfile_arg(name: str) -> str:
    """The default of `ARG name=...` in the Dockerfile (the one place it is written)."""
    found = re.search(rf"^ARG {name}=(\S+)$", DOCKERFILE.read_text(), re.M)
    if found is None:
        raise SystemExit(f"Dockerfile has no `ARG {name}=...`")
    return found.group(1)


def log(message: str) -> None:
    print(f"[image] {message}", file=sys.stderr, flush=True)


def docker_engine_answers() -> bool:
    if shutil.which("docker") is None:
        return False
    done = subprocess.run(["docker", "info"], capture_output=True, timeout=30, check=False)
    return done.returncode == 0


def choose_engine(wanted: str | None) -> str:
    if wanted:
        if shutil.which(wanted) is None:
            raise SystemExit(f"{wanted} is not installed (Debian: `make image-deps`)")
        return wanted
    if docker_engine_answers():
        return "docker"
    for engine in ("podman", "buildah"):
        if shutil.which(engine):
            return engine
    raise SystemExit("no image engine: install docker, podman or buildah (`make image-deps`)")


def _under_hard_limit(kind: int, wanted: int) -> int:
    _, hard = resource.getrlimit(kind)
    return wanted if hard == resource.RLIM_INFINITY else min(hard, wanted)


def engine_options(engine: str) -> list[str]:
    """Limits for podman/buildah's containers. As root, podman asks runc for 1048576 open
    files and more processes than runc may set under this machine's hard limits (20000 open
    files; processes: measured to fail above 32768), and the container does not start."""
    if engine == "docker":
        return []
    files = _under_hard_limit(resource.RLIMIT_NOFILE, 65536)
    processes = _under_hard_limit(resource.RLIMIT_NPROC, 4096)
    return [f"--ulimit=nofile={files}:{files}", f"--ulimit=nproc={processes}:{processes}"]


def image_exists(engine: str, ref: str) -> bool:
    command = [engine, "image", "inspect", ref] if engine != "buildah" else [engine, "inspect", ref]
    return subprocess.run(command, capture_output=True, check=False).returncode == 0


def pull(engine: str, ref: str) -> bool:
    log(f"pulling {ref} with {engine}")
    try:
        done = subprocess.run(
            [engine, "pull", ref],
            capture_output=True,
            text=True,
            timeout=PULL_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        log(f"pulling {ref}: no answer in {PULL_TIMEOUT_SECONDS} s")
        return False
    if done.returncode != 0:
        log(f"cannot pull {ref}: {done.stderr.strip().splitlines()[-1:]}")
    return done.returncode == 0


@contextlib.contextmanager
def debootstrapped() -> Iterator[Path]:
    """A Debian bookworm minbase tree with Debian's python3, slimmed like bookworm-slim."""
    if shutil.which("debootstrap") is None:
        raise SystemExit("debootstrap is not installed (`make image-deps`)")
    if os.geteuid() != 0:
        raise SystemExit("making a base with debootstrap needs root")
    with tempfile.TemporaryDirectory(prefix="image-base-", dir="/var/tmp") as folder:
        tree = Path(folder) / "rootfs"
        log(f"debootstrap bookworm ({', '.join(BASE_PACKAGES)}) into {tree}")
        subprocess.run(
            [
                "debootstrap",
                "--variant=minbase",
                f"--include={','.join(BASE_PACKAGES)}",
                "bookworm",
                str(tree),
                DEBIAN_MIRROR,
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            timeout=BUILD_TIMEOUT_SECONDS,
        )
        for relative in SLIM_REMOVED:
            folder_path = tree / relative
            shutil.rmtree(folder_path, ignore_errors=True)
            folder_path.mkdir(parents=True, exist_ok=True)
        (tree / "var/lib/apt/lists/partial").mkdir(parents=True, exist_ok=True)
        (tree / "var/cache/apt/archives/partial").mkdir(parents=True, exist_ok=True)
        for cache in (tree / "var/cache/apt").glob("*.bin"):
            cache.unlink()
        (tree / "etc/dpkg/dpkg.cfg.d/slim").write_text(SLIM_DPKG_EXCLUDES)
        (tree / "etc/apt/apt.conf.d/docker-clean").write_text(APT_DOCKER_CLEAN)
        yield tree


def make_local_base(engine: str, base: str) -> None:
    """`base`: debootstrap's tree imported as an image (python3 as its command)."""
    started = time.monotonic()
    with debootstrapped() as tree:
        archive = tree.parent / "rootfs.tar"
        subprocess.run(["tar", "-C", str(tree), "-cf", str(archive), "."], check=True)
        if engine == "buildah":
            container = subprocess.run(
                ["buildah", "from", "scratch"], capture_output=True, text=True, check=True
            ).stdout.strip()
            try:
                subprocess.run(["buildah", "add", container, str(archive), "/"], check=True)
                subprocess.run(["buildah", "config", "--cmd", "python3", container], check=True)
                subprocess.run(["buildah", "commit", container, base], check=True)
            finally:
                subprocess.run(["buildah", "rm", container], capture_output=True, check=False)
        else:
            subprocess.run(
                [engine, "import", "--change", 'CMD ["python3"]', str(archive), base],
                check=True,
                stdout=subprocess.DEVNULL,
            )
    log(f"made {base} in {time.monotonic() - started:.0f} s")


def choose_base(engine: str, local: bool) -> str:
    """The Dockerfile's default base if it is here or can be pulled, else the local base."""
    default = dockerfile_arg("PYTHON_BASE")
    if not local and (image_exists(engine, default) or pull(engine, default)):
        return default
    base = local_base()
    if not image_exists(engine, base):
        make_local_base(engine, base)
    else:
        log(f"using {base}, made earlier")
    return base


def build_command(engine: str, base: str, tag: str) -> list[str]:
    command = [engine, "build"] if engine != "buildah" else ["buildah", "bud"]
    command += ["--tag", tag, "--file", str(DOCKERFILE), "--build-arg", f"PYTHON_BASE={base}"]
    if HOST_CA_BUNDLE.is_file():
        command += ["--secret", f"id=ca,src={HOST_CA_BUNDLE}"]
    if engine in ("podman", "buildah"):
        # Docker's format keeps HEALTHCHECK (OCI images have no field for it).
        command += ["--format", "docker", "--layers", *engine_options(engine)]
        # The build's downloads go out the way the host's do.
        command += ["--network", "host"]
    if engine == "buildah":
        command += ["--isolation", "chroot"]
    return [*command, str(ROOT)]


def image_size(engine: str, tag: str) -> int:
    if engine == "buildah":  # it gives the size only as text: "278 MB" (decimal units)
        listed = subprocess.run(
            ["buildah", "images", "--json", tag], capture_output=True, text=True, check=True
        ).stdout
        number, unit = json.loads(listed)[0]["size"].split()
        return int(float(number) * {"B": 1, "kB": 1e3, "MB": 1e6, "GB": 1e9}[unit])
    template = "{{.Size}}"
    done = subprocess.run(
        [engine, "image", "inspect", "--format", template, tag],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout.strip())


def build(engine: str, tag: str, local_only: bool = False) -> dict[str, object]:
    """Build the image; what was built, with what, how long it took and its size."""
    base = choose_base(engine, local_only)
    command = build_command(engine, base, tag)
    log(" ".join(command))
    started = time.monotonic()
    env = {**os.environ, "DOCKER_BUILDKIT": "1"}
    subprocess.run(command, check=True, timeout=BUILD_TIMEOUT_SECONDS, env=env)
    seconds = time.monotonic() - started
    size = image_size(engine, tag)
    summary = {
        "engine": engine,
        "tag": tag,
        "base": base,
        "build_seconds": round(seconds, 1),
        "size_bytes": size,
    }
    log(f"built {tag} with {engine} on {base} in {seconds:.0f} s: {size / 1e6:.0f} MB")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m tools.image", description=__doc__)
    parser.add_argument("--engine", choices=["docker", "podman", "buildah"], default=None)
    parser.add_argument("--tag", default=DEFAULT_TAG)
    parser.add_argument(
        "--local-base", action="store_true", help="use the debootstrapped base, never pull"
    )
    parser.add_argument("--summary", type=Path, help="write what was built here (JSON)")
    args = parser.parse_args(argv)
    summary = build(choose_engine(args.engine), args.tag, args.local_base)
    if args.summary:
        args.summary.write_text(json.dumps(summary, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
