/**
 * undici's Agent alone, without the rest of undici (its fetch, WebSocket, cache, mock…): the FHIR push
 * function needs only a dispatcher for the built-in fetch, and the whole package would take its bundle past
 * the 1 MB budget (524 KiB against 286 KiB). undici has no `exports` map, so the file is importable.
 */
declare module 'undici/lib/dispatcher/agent.js' {
  import type { Agent } from 'undici';
  const AgentClass: typeof Agent;
  export default AgentClass;
}
