# One image for the API and the worker (docker-compose.yml sets the command of each).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Exactly the lockfile's versions (fails if package.json and package-lock.json disagree).
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && node scripts/preload-initial-chunks.mjs && node scripts/precompress-client.mjs && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
EXPOSE 3000
USER node
# The API's health route (PostgreSQL and Redis) through Node's fetch: the slim image has no curl.
# The worker has no HTTP; docker-compose.yml gives it its own check (its heartbeat file).
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/server/server/src/main.js"]
