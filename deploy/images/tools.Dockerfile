# syntax=docker/dockerfile:1.7
# Fleetward tools: the one-shot setup steps that run before a rollout, `npm run migrate` (every service's migrations)
# and `npm run nats:provision` (streams and consumers from deploy/nats). Build from the repository root:
#   docker build -f deploy/images/tools.Dockerfile -t fleetward/tools .
# Run: `migrate` -> tools/dev/migrate.mjs, `provision` -> tools/dev/nats-provision.mjs (the Jobs pass the script).

FROM node:20.19-bookworm-slim AS build
WORKDIR /src
ENV CI=true NX_DAEMON=false NX_NO_CLOUD=true
COPY . .
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
RUN npx tsc -b libs/platform services/gateway services/inventory services/health services/lifecycle services/notifier

FROM node:20.19-bookworm-slim AS deps
WORKDIR /src
COPY --from=build /src/package.json /src/package-lock.json ./
COPY --from=build /src/libs libs
COPY --from=build /src/services services
COPY --from=build /src/apps apps
COPY --from=build /src/tools tools
COPY --from=build /src/bench bench
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM debian:bookworm-slim AS tini
RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*

FROM gcr.io/distroless/nodejs20-debian12:nonroot
WORKDIR /app
ENV NODE_ENV=production
COPY --from=tini /usr/bin/tini-static /tini
COPY --from=deps /src/package.json ./
COPY --from=deps /src/node_modules node_modules
COPY --from=build /src/libs/contracts/package.json libs/contracts/
COPY --from=build /src/libs/contracts/dist libs/contracts/dist
COPY --from=build /src/libs/platform/package.json libs/platform/
COPY --from=build /src/libs/platform/dist libs/platform/dist
COPY --from=build /src/services/gateway/package.json services/gateway/
COPY --from=build /src/services/gateway/dist services/gateway/dist
COPY --from=build /src/services/inventory/package.json services/inventory/
COPY --from=build /src/services/inventory/dist services/inventory/dist
COPY --from=build /src/services/health/package.json services/health/
COPY --from=build /src/services/health/dist services/health/dist
COPY --from=build /src/services/lifecycle/package.json services/lifecycle/
COPY --from=build /src/services/lifecycle/dist services/lifecycle/dist
COPY --from=build /src/services/notifier/package.json services/notifier/
COPY --from=build /src/services/notifier/dist services/notifier/dist
COPY --from=build /src/tools/dev tools/dev
COPY --from=build /src/deploy/nats deploy/nats
USER 65532:65532
ENTRYPOINT ["/tini", "--", "/nodejs/bin/node", "--enable-source-maps"]
CMD ["tools/dev/migrate.mjs"]
