import { demoReferral } from './demo-referral.ts';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Language } from '../../core/i18n/language.ts';
import { messagesFor } from '../i18n/messages.ts';
import { type Demo, demoRecord, espoirApp, signedCurl } from './demo.ts';

/** What `relais serve` prints once Relais answers, and `relais demo curl` prints again on request. */
export function printExamples(url: string, dataDir: string, demo: Demo, lang: Language): void {
  const t = messagesFor(lang);
  const bodyFile = resolve(dataDir, 'demo-record.json');
  const body = JSON.stringify(demoRecord(), null, 2);
  writeFileSync(bodyFile, body);
  // A demo.json written by an older Relais may lack a key: the example then names what to put there.
  const key = (label: string) => demo.keys.find((k) => k.label === label)?.token ?? `<${label} key>`;
  const referralFile = resolve(dataDir, 'demo-referral.json');
  writeFileSync(referralFile, JSON.stringify(demoReferral(), null, 2));
  const out = [
    '',
    t.running(url, resolve(dataDir), join(resolve(dataDir), 'demo.json')),
    t.adminUi(url, key('espoir-admin')),
    '',
    ...t.examplePush,
    '',
    signedCurl(url, espoirApp(demo).sourceId, espoirApp(demo).secret, bodyFile, body),
    '',
    t.exampleRead,
    `   curl -s ${url}/v1/records -H 'x-api-key: ${key('espoir-reader')}'`,
    '',
    t.exampleOther,
    `   curl -i ${url}/v1/records/<id> -H 'x-api-key: ${key('divas-reader')}'`,
    '',
    ...t.exampleReferral,
    `   npm run relais -- demo receiver`,
    `   curl -s -X POST ${url}/v1/referrals -H 'content-type: application/json' -H 'x-api-key: ${key('espoir-admin')}' \\`,
    `     --data-binary @${referralFile}`,
    '',
    t.exampleAnswer,
    `   curl -s -X POST ${url}/v1/referrals/<ref_…>/status -H 'content-type: application/json' -H 'x-api-key: ${key('divas-admin')}' -d '{"status":"accepted"}'`,
    `   curl -s -X POST ${url}/v1/referrals/<ref_…>/status -H 'content-type: application/json' -H 'x-api-key: ${key('divas-admin')}' \\`,
    `     -d '{"status":"completed","feedback":{"serviceProvided":"Appui psychosocial","outcome":"needs-met","date":"${new Date().toISOString().slice(0, 10)}"}}'`,
    `   curl -s ${url}/v1/referrals/<ref_…> -H 'x-api-key: ${key('espoir-admin')}'`,
    '',
    t.exampleFooter(url),
    '',
  ];
  process.stdout.write(out.join('\n') + '\n');
}
