export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { __testPostgres?: { stop(): Promise<void> } }).__testPostgres;
  await server?.stop();
}
