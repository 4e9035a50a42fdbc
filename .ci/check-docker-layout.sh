#!/usr/bin/env bash
# Checks, without a Docker engine and without a build, that the Dockerfile and docker-compose.yml agree
# with the Maven layout: every image compose builds names a service module of the root pom, whose
# packaged jar is the <module>-<version>.jar the Dockerfile copies; the build context keeps every
# module's pom; the default port per service matches server.port in the module's application.yml.
# Reads pom.xml files and application.yml, never target/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

python=""
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import yaml' >/dev/null 2>&1; then
    python=$candidate
    break
  fi
done
if [ -z "$python" ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "check-docker-layout: installing python3-yaml"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-yaml >/dev/null 2>&1 || true
  /usr/bin/python3 -c 'import yaml' >/dev/null 2>&1 && python=/usr/bin/python3
fi
if [ -z "$python" ]; then
  echo "check-docker-layout: SKIPPED: needs python3 with PyYAML (Debian: python3-yaml), which could not be had"
  exit 0
fi

exec "$python" - <<'PY'
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

NS = {"m": "http://maven.apache.org/POM/4.0.0"}
errors = []


def fail(message):
    errors.append(message)


def text(element, path):
    found = element.find(path, NS)
    return found.text.strip() if found is not None and found.text else None


root = ET.parse("pom.xml").getroot()
version = text(root, "m:version")
modules = [m.text.strip() for m in root.findall("m:modules/m:module", NS)]

# --- Dockerfile -------------------------------------------------------------------------------------
dockerfile = Path("Dockerfile").read_text()
# Join continuation lines, so one instruction is one line.
instructions = re.sub(r"\\\n", " ", dockerfile)

arg_version = re.search(r"^ARG VERSION=(\S+)\s*$", instructions, re.M)
if not arg_version:
    fail("Dockerfile: no 'ARG VERSION=<version>' in the build stage")
elif arg_version.group(1) != version:
    fail(f"Dockerfile: ARG VERSION={arg_version.group(1)} but the root pom's version is {version}")

if not re.search(r'\./mvnw\b[^\n]*-pl "?\$\{SERVICE\}"?[^\n]*\s-am\s[^\n]*\bpackage\b', instructions):
    fail("Dockerfile: the build stage must run './mvnw ... -pl ${SERVICE} -am package'")

jar = re.search(r'"?/src/\$\{SERVICE\}/target/\$\{SERVICE\}-\$\{VERSION\}\.jar"?', instructions)
if not jar:
    fail("Dockerfile: the jar must be copied from /src/${SERVICE}/target/${SERVICE}-${VERSION}.jar")
if not re.search(r"^WORKDIR /src\s*$", instructions, re.M) or not re.search(r"^COPY \. \.\s*$", instructions, re.M):
    fail("Dockerfile: the build stage must 'WORKDIR /src' and 'COPY . .' (the jar path assumes /src)")

for layer in ("dependencies", "spring-boot-loader", "snapshot-dependencies", "application"):
    if not re.search(rf"^COPY --from=build /layers/extracted/{layer}/ \./\s*$", instructions, re.M):
        fail(f"Dockerfile: runtime stage does not copy the '{layer}' layer")
if "-jar /layers/app.jar extract --layers --destination /layers/extracted" not in instructions:
    fail("Dockerfile: layers must be extracted with '-jar /layers/app.jar extract --layers --destination /layers/extracted'")

default_ports = dict(re.findall(r"\b([a-z][a-z-]*)\) port=(\d+) ;;", instructions))
if not default_ports:
    fail("Dockerfile: no 'SERVICE) port=NNNN ;;' default port map found")
if not re.search(r"^USER (?!0\b|root\b)\S+", instructions, re.M):
    fail("Dockerfile: the runtime stage must switch to a non-root USER")
healthcheck = re.search(r"^HEALTHCHECK .*CMD curl .*?/actuator/health/readiness", instructions, re.M)
if not healthcheck:
    fail("Dockerfile: HEALTHCHECK must curl /actuator/health/readiness")
if "curl --version" not in instructions:
    fail("Dockerfile: the runtime stage must assert that curl (the HEALTHCHECK tool) exists")

# --- .dockerignore: Maven loads every module of the reactor, even with -pl -----------------------
ignore = [l.strip() for l in Path(".dockerignore").read_text().splitlines() if l.strip() and not l.startswith("#")]


def docker_pattern(pattern):
    """A .dockerignore pattern as a regex: '**' spans directories, '*' and '?' stay within one."""
    out, i = "", 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out, i = out + "(?:.*/)?", i + 3
        elif pattern.startswith("**", i):
            out, i = out + ".*", i + 2
        elif pattern[i] == "*":
            out, i = out + "[^/]*", i + 1
        elif pattern[i] == "?":
            out, i = out + "[^/]", i + 1
        else:
            out, i = out + re.escape(pattern[i]), i + 1
    return re.compile(out)


def ignored(path):
    # Docker's rules: the last matching pattern wins, '!' re-includes, and excluding a directory
    # excludes everything under it.
    parts = path.split("/")
    result = False
    for pattern in ignore:
        negate = pattern.startswith("!")
        regex = docker_pattern(pattern.lstrip("!").strip("/"))
        if any(regex.fullmatch("/".join(parts[:i])) for i in range(1, len(parts) + 1)):
            result = not negate
    return result


for needed in ["pom.xml", "mvnw", ".mvn/wrapper/maven-wrapper.properties"] + [f"{m}/pom.xml" for m in modules] + [
        f"{m}/src/main/java/x.java" for m in modules]:
    if ignored(needed):
        fail(f".dockerignore: excludes {needed}, which the Maven build in the Dockerfile needs")
for unwanted in ["manager-service/target/x.jar", ".git/HEAD", ".damselfly/run/x"]:
    if not ignored(unwanted):
        fail(f".dockerignore: should exclude {unwanted}")

# --- Service modules ------------------------------------------------------------------------------


def check_module(module):
    """Returns the jar name Maven writes for a service module, or None after reporting why not."""
    if module not in modules:
        fail(f"{module}: not a <module> of the root pom ({', '.join(modules)})")
        return None
    pom_path = Path(module, "pom.xml")
    pom = ET.parse(pom_path).getroot()
    artifact = text(pom, "m:artifactId")
    if artifact != module:
        fail(f"{pom_path}: artifactId {artifact} differs from the directory name {module}")
    if text(pom, "m:version") not in (None, version) or text(pom, "m:parent/m:version") != version:
        fail(f"{pom_path}: version differs from the root pom's {version}")
    if text(pom, "m:packaging") not in (None, "jar"):
        fail(f"{pom_path}: packaging {text(pom, 'm:packaging')}, expected jar")
    if pom.find("m:build/m:finalName", NS) is not None:
        fail(f"{pom_path}: <finalName> changes the jar name the Dockerfile copies")
    boot = [p for p in pom.findall("m:build/m:plugins/m:plugin", NS) if text(p, "m:artifactId") == "spring-boot-maven-plugin"]
    if not boot:
        fail(f"{pom_path}: declares no spring-boot-maven-plugin, so its jar is neither executable nor layered")
    elif any(p.find(".//m:classifier", NS) is not None for p in boot):
        fail(f"{pom_path}: the Boot jar has a classifier, so {module}-{version}.jar is not the executable one")
    app_yml = Path(module, "src/main/resources/application.yml")
    if not app_yml.is_file():
        fail(f"{app_yml}: missing")
    else:
        port = (yaml.safe_load(app_yml.read_text()) or {}).get("server", {}).get("port")
        if str(port) != default_ports.get(module):
            fail(f"Dockerfile: default port of {module} is {default_ports.get(module)}, application.yml says {port}")
    return f"{module}/target/{module}-{version}.jar"


# --- docker-compose.yml ---------------------------------------------------------------------------
compose = yaml.safe_load(Path("docker-compose.yml").read_text())
if "name" in compose:
    fail("docker-compose.yml: top-level 'name:' (Debian's docker-compose 1.29 rejects it)")
services = compose.get("services", {})
images = {}
built = set()
for name, service in services.items():
    build = service.get("build")
    if build is None:
        continue
    if not isinstance(build, dict):
        fail(f"docker-compose.yml: {name}: build must name context, dockerfile and args.SERVICE")
        continue
    if build.get("context") != "." or build.get("dockerfile", "Dockerfile") != "Dockerfile":
        fail(f"docker-compose.yml: {name}: build must use context '.' and the root Dockerfile")
    module = (build.get("args") or {}).get("SERVICE")
    if not module:
        fail(f"docker-compose.yml: {name}: build.args.SERVICE is missing")
        continue
    image = service.get("image")
    if images.setdefault(image, module) != module:
        fail(f"docker-compose.yml: image {image} is built from both {images[image]} and {module}")
    env = service.get("environment") or {}
    if not isinstance(env, dict) or not str(env.get("SERVER_PORT", "")).isdigit():
        fail(f"docker-compose.yml: {name}: needs SERVER_PORT (its healthcheck and its advertised port use it)")
    test = " ".join((service.get("healthcheck") or {}).get("test") or [])
    if "/actuator/health/readiness" not in test:
        fail(f"docker-compose.yml: {name}: healthcheck must probe /actuator/health/readiness")
    if module not in built:
        known = len(errors)
        jar_name = check_module(module)
        if jar_name and len(errors) == known:
            print(f"check-docker-layout: {module}: Dockerfile copies {jar_name} (image {image})")
        built.add(module)

for module, port in default_ports.items():
    if module not in built:
        fail(f"Dockerfile: port map names {module}, which docker-compose.yml never builds")
published = sorted(name for name, s in services.items() if s.get("ports"))
for name in published:
    service = services[name]
    module = ((service.get("build") or {}).get("args") or {}).get("SERVICE")
    mode = (service.get("environment") or {}).get("DAMSELFLY_PEER_MODE")
    observability = "observability" in (service.get("profiles") or [])
    loopback = all(str(p).startswith("127.0.0.1:") for p in service.get("ports"))
    if observability and not loopback:
        fail(f"docker-compose.yml: {name} (observability profile) must publish on 127.0.0.1 only")
    if not (observability or module == "gateway" or (module == "seed-peer-service" and mode == "normal")):
        fail(f"docker-compose.yml: {name} publishes ports; only the gateway, the peers' local APIs and the "
             "observability profile's Prometheus and Grafana (on loopback) may")
print(f"check-docker-layout: published ports: {', '.join(published)}")

if errors:
    for e in errors:
        print(f"check-docker-layout: {e}", file=sys.stderr)
    print(f"check-docker-layout: FAILED ({len(errors)} problem(s))", file=sys.stderr)
    sys.exit(1)
print(f"check-docker-layout: OK ({len(built)} service images, version {version})")
PY
