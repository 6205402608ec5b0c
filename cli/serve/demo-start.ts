import type { Demo } from './demo.ts';
import { saveDemo } from './demo.ts';
import { type SeedReport, seedDemoData } from './demo-data.ts';
import type { LocalRuntime } from './local-runtime.ts';
import { type ServeReceiver, startServeReceiver } from './serve-receiver.ts';

/** What `relais serve` did with the demo data at this start. */
export interface DemoStart {
  receiver: ServeReceiver;
  /** Present when this start seeded the demo data (the first start of a data dir). */
  seeded?: SeedReport;
  /** Why seeding failed; Relais runs on without the demo data and the next start tries again. */
  failed?: Error;
}

/**
 * Starts DIVAS's in-process receiver, then seeds the demo data if this data dir has not had it yet
 * (demo.json says `pending` until it is all in), or lets DIVAS's channel follow the receiver's new port.
 * `seed: false` (`relais serve --no-demo-data`) leaves the data dir `pending`: a later start seeds it.
 */
export async function startDemoData(
  runtime: LocalRuntime,
  dataDir: string,
  demo: Demo,
  options: { seed?: boolean } = {},
): Promise<DemoStart> {
  const receiver = await startServeReceiver(runtime.url, dataDir, demo);
  if (demo.demoData !== 'pending' || options.seed === false) {
    await receiver.follow().catch(() => {});
    return { receiver };
  }
  try {
    const seeded = await seedDemoData({
      url: runtime.url,
      demo,
      drain: (ms) => runtime.drain(ms),
      pointDivasChannel: () => receiver.point(),
      ...(demo.dataAsOf ? { now: new Date(demo.dataAsOf) } : {}),
    });
    demo.demoData = 'seeded';
    demo.dataSeededAt = new Date().toISOString();
    saveDemo(dataDir, demo);
    return { receiver, seeded };
  } catch (error) {
    return { receiver, failed: error as Error };
  }
}
