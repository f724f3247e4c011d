# One image for every service of the graph: the compose file picks the
# process (a subgraph or the gateway) with its command.
FROM node:20-slim

ENV NODE_ENV=production \
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

COPY tsconfig.json .swcrc ./
COPY schema ./schema
COPY gateway ./gateway
COPY subgraphs ./subgraphs
COPY scripts ./scripts

# TypeScript is compiled on load by @swc-node/register, which caches nothing on disk: the app folder stays read-only.
USER node

EXPOSE 4000 4001 4002 4003 4004
CMD ["node", "-r", "@swc-node/register", "gateway/src/index.ts"]
