# syntax=docker/dockerfile:1
# The placement image: only libs/journey_platform and services/placement go in (plus the pinned versions).
# Build from the repository root:
#   docker build -f deploy/docker/placement.Dockerfile -t registry.example.nl/opvangketen/placement:$VERSION .
# Serve:    the default command (uvicorn, port 8000; SIGTERM drains requests, then the consumers commit).
# Migrate:  alembic -c services/placement/alembic.ini upgrade head   (the migration Job runs this before rollout)
# Operate:  opvangketen-ops --help
# The root filesystem may be read-only: nothing is written outside /tmp (bytecode is compiled at build time).

FROM python:3.11-slim-bookworm AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /src
COPY constraints.txt ./
COPY libs/journey_platform ./libs/journey_platform
COPY services/placement ./services/placement
RUN python -m venv /opt/venv \
 && /opt/venv/bin/pip install --compile -c constraints.txt ./libs/journey_platform ./services/placement

FROM python:3.11-slim-bookworm AS runtime
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    HOME=/tmp \
    LOG_FORMAT=json
RUN groupadd --system --gid 10001 opvangketen \
 && useradd --system --uid 10001 --gid opvangketen --no-create-home --home-dir /tmp --shell /usr/sbin/nologin opvangketen
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY services/placement/alembic.ini ./services/placement/alembic.ini
COPY services/placement/migrations ./services/placement/migrations
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2).status != 200)"]
CMD ["uvicorn", "placement.entrypoints.app:create_app", "--factory", "--host", "0.0.0.0", "--port", "8000", \
     "--no-access-log", "--timeout-graceful-shutdown", "20"]
