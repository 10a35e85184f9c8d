#!/bin/sh
cat <<TXT

  Opvangketen is starting (Ctrl-C stops everything):
    broker     127.0.0.1:${BROKER_PORT:-9092}  (Tansu, in memory)
    intake     http://127.0.0.1:${INTAKE_PORT:-8001}/v1/openapi.json   docs: /v1/docs, /v1/redoc
    placement  http://127.0.0.1:${PLACEMENT_PORT:-8002}/v1/openapi.json
    housing    http://127.0.0.1:${HOUSING_PORT:-8003}/v1/openapi.json
    reporting  http://127.0.0.1:${REPORTING_PORT:-8004}/v1/openapi.json
  A development token:  make token   (or: make token ORG_TYPE=gemeente ORG_ID=GM0193)

TXT
