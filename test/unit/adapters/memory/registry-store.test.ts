import { MemoryRegistryStore } from '../../../../adapters/memory/registry-store.ts';
import { registryStoreContract } from '../../../contract/registry-store.contract.ts';

registryStoreContract('memory', async () => new MemoryRegistryStore());
