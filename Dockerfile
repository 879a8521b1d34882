# syntax=docker/dockerfile:1.7
# Every Fleetward image from one file, built from the repository root (one package-lock.json for the monorepo):
#   docker build --build-arg SERVICE=health -t fleetward/health .       (gateway, inventory, health, lifecycle, notifier)
#   docker build --target tools -t fleetward/tools .                     (migrations and stream provisioning)
# The build and deps stages do not read SERVICE, so BuildKit builds them once and every image reuses them.
#
# Base images are pinned by digest (a tag can be re-pointed; a digest cannot). Both are Node 24 LTS. To move to a
# newer patch, replace tag and digest together (`docker buildx imagetools inspect node:24-bookworm-slim` prints the
# digest); deploy/checks fails on a FROM without a digest or on another Node major.
ARG NODE_IMAGE=node:24.20.0-bookworm-slim@sha256:ba849c60be29959425b8734d57b8b4b7d56f98edd9504c9af091d5281095a71e
ARG RUNTIME_IMAGE=gcr.io/distroless/nodejs24-debian12:nonroot@sha256:14d42e2511532589a7c7e01a753667a74fcc96266e137e8125006b87b0c32d0a

FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV CI=true NX_DAEMON=false NX_NO_CLOUD=true
COPY . .
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
# Every project, the console included (the gateway serves it); fail early when the console output is missing.
RUN npm run build && test -f apps/console/dist/index.html

# Production dependencies only. TypeScript stays behind although npm keeps it: it is an optional peer of
# @nestjs/swagger, which needs it only to run its CLI plugin at build time.
FROM ${NODE_IMAGE} AS deps
WORKDIR /src
COPY --from=build /src/package.json /src/package-lock.json ./
COPY --from=build /src/libs libs
COPY --from=build /src/services services
COPY --from=build /src/apps apps
COPY --from=build /src/tools tools
COPY --from=build /src/bench bench
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
  && rm -rf node_modules/typescript node_modules/.bin/tsc node_modules/.bin/tsserver \
  && test ! -e node_modules/typescript \
  && test "$(find node_modules -name package.json -path '*/swagger-ui-dist/package.json' | wc -l)" -eq 1

# tini as PID 1: forwards SIGTERM to node (graceful drain) and reaps zombies. The static build runs on distroless.
FROM ${NODE_IMAGE} AS tini
RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*

# What one service runs: an entry module naming it (exec-form CMD cannot expand a build argument), and the console
# for the gateway (an empty folder elsewhere).
FROM build AS entry
ARG SERVICE
RUN test -n "$SERVICE" && test -f "services/$SERVICE/dist/main.js" \
  && mkdir -p /out/console \
  && echo "import './services/$SERVICE/dist/main.js';" > /out/main.mjs \
  && if [ "$SERVICE" = gateway ]; then cp -r apps/console/dist/. /out/console/; fi

FROM ${RUNTIME_IMAGE} AS tools
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

FROM ${RUNTIME_IMAGE} AS service
ARG SERVICE
WORKDIR /app
ENV NODE_ENV=production
COPY --from=tini /usr/bin/tini-static /tini
COPY --from=deps /src/package.json ./
COPY --from=deps /src/node_modules node_modules
COPY --from=build /src/libs/contracts/package.json libs/contracts/
COPY --from=build /src/libs/contracts/dist libs/contracts/dist
COPY --from=build /src/libs/platform/package.json libs/platform/
COPY --from=build /src/libs/platform/dist libs/platform/dist
COPY --from=build /src/services/${SERVICE}/package.json services/${SERVICE}/
COPY --from=build /src/services/${SERVICE}/dist services/${SERVICE}/dist
COPY --from=entry /out/main.mjs main.mjs
COPY --from=entry /out/console apps/console/dist
USER 65532:65532
ENTRYPOINT ["/tini", "--", "/nodejs/bin/node", "--enable-source-maps"]
CMD ["main.mjs"]
