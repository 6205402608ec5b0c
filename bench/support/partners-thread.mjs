// Loads bench/support/partners.ts on its worker thread through tsx, whatever loaded the parent.
import { tsImport } from 'tsx/esm/api';

const { servePartners } = await tsImport('./partners.ts', import.meta.url);
await servePartners();
