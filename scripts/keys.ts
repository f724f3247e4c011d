import { generateInternalKeyPair } from "@reception-graph/kit";

/**
 * Prints a new Ed25519 key pair for internal tokens, as lines for a .env file:
 * the private key for the gateway only, the public key for every subgraph.
 * Rotation: give the subgraphs the old and the new public key (both lines,
 * concatenated), then the gateway the new private key, then drop the old public key.
 */
function main(): void {
  const { privateKeyPem, publicKeyPem } = generateInternalKeyPair();
  const quoted = (pem: string) => JSON.stringify(pem.trim());
  process.stdout.write(`INTERNAL_TOKEN_PRIVATE_KEY=${quoted(privateKeyPem)}\n`);
  process.stdout.write(`INTERNAL_TOKEN_PUBLIC_KEYS=${quoted(publicKeyPem)}\n`);
}

main();
