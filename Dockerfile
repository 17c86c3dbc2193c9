# One image for the four Rashigo programs (api, workers, dashboard, bots).
# The default command starts the API; each docker-compose service overrides it.
#
#   docker build -t rashigo .
#
# The image holds no address: the dashboard reads PUBLIC_API_URL when it serves a page.
#
# Needs BuildKit (the default builder since Docker 23) for the npm cache mounts.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- base: shared settings -------------------------------------------------
FROM ${NODE_IMAGE} AS base
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 \
    npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false

# ---- manifests: only what npm ci reads, so dependency layers cache well -----
FROM base AS manifests
COPY package.json package-lock.json ./
COPY api/package.json       api/
COPY bots/package.json      bots/
COPY dashboard/package.json dashboard/

# ---- build: all dependencies, compile the four workspaces -------------------
FROM manifests AS build
# --ignore-scripts matches the npm 11 default the project is developed with:
# native packages (@node-rs/argon2, @roamhq/wrtc, next's swc) ship prebuilt
# binaries as optional dependencies and need no install script.
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts
COPY . .
RUN npm run build
# Gather the runtime output in /out (same layout as /app), without build caches.
RUN set -eu; \
    for w in api bots; do mkdir -p "/out/$w"; cp -R "$w/dist" "/out/$w/dist"; done; \
    mkdir -p /out/dashboard; \
    cp -R dashboard/.next /out/dashboard/.next; \
    rm -rf /out/dashboard/.next/cache; \
    for f in public next.config.js next.config.mjs next.config.cjs next.config.ts; do \
      if [ -e "dashboard/$f" ]; then cp -R "dashboard/$f" /out/dashboard/; fi; \
    done

# ---- prod-deps: production node_modules only --------------------------------
FROM manifests AS prod-deps
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --ignore-scripts

# ---- runtime ----------------------------------------------------------------
FROM base AS runtime
ENV NODE_ENV=production
# package.json files, root node_modules (with the @rashigo/* workspace links)
# and any per-workspace node_modules.
COPY --from=prod-deps /app ./
# Compiled output; owned by `node` so Next.js can write its runtime cache.
COPY --from=build --chown=node:node /out ./
USER node
# api 4000, workers health and metrics (with METRICS_TOKEN) 4100, dashboard 3000
EXPOSE 4000 4100 3000
CMD ["node", "api/dist/main.js"]
