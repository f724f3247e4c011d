# One image for every service of the graph: the compose file picks the process (a subgraph or the
# gateway) with its command. Two stages: the first compiles the TypeScript (npm run build: dist/),
# the second holds the production dependencies and dist/ only, so no compiler, test tool or
# embedded PostgreSQL is in the image, and nothing is compiled when a container starts.
# Node.js 22 LTS: the version CI runs the tests on besides the machine's 20 (.ci/node22, .ci/run).

FROM node:22-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY gateway/package.json gateway/
COPY subgraphs/kit/package.json subgraphs/kit/
COPY subgraphs/social/package.json subgraphs/social/
COPY subgraphs/housing/package.json subgraphs/housing/
COPY subgraphs/care/package.json subgraphs/care/
COPY subgraphs/education/package.json subgraphs/education/
# With the dev dependencies: swc compiles.
RUN npm ci --no-audit --no-fund
COPY .swcrc ./
COPY schema ./schema
COPY gateway ./gateway
COPY subgraphs ./subgraphs
COPY scripts ./scripts
RUN npm run build

FROM node:22-slim
ENV NODE_ENV=production \
    NODE_OPTIONS=--enable-source-maps \
    APOLLO_TELEMETRY_DISABLED=1 \
    HOST=0.0.0.0 \
    NPM_CONFIG_UPDATE_NOTIFIER=false
WORKDIR /app
# Dependencies first, so that a code change does not reinstall them.
COPY package.json package-lock.json ./
COPY gateway/package.json gateway/
COPY subgraphs/kit/package.json subgraphs/kit/
COPY subgraphs/social/package.json subgraphs/social/
COPY subgraphs/housing/package.json subgraphs/housing/
COPY subgraphs/care/package.json subgraphs/care/
COPY subgraphs/education/package.json subgraphs/education/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist

# The app folder stays read-only to the process.
USER node

EXPOSE 4000 4001 4002 4003 4004
CMD ["node", "dist/gateway/src/index.js"]
