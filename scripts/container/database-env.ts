// Preloaded by the containers' subgraph commands (node --require ./dist/scripts/container/database-env.js …):
// fills in the database URLs from their parts before the subgraph reads its configuration.
import { databaseUrlsFromParts } from "./database-urls";

Object.assign(process.env, databaseUrlsFromParts(process.env));
