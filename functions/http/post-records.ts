import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { liveNormaliser } from '../../core/mapping/live.ts';
import { ingestRecords } from '../../core/records/ingest-records.ts';
import { ingestReferrals } from '../../core/referrals/ingest-referrals.ts';
import { SourceIdPath } from '../../schemas/api/records.ts';
import { header, json, parseJsonBody, parsePath, rawBody } from '../platform/http.ts';
import { httpHandler } from '../platform/http-handler.ts';
import { idempotentByWebhookId } from '../platform/idempotent-webhook.ts';
import { authenticateSource } from '../platform/source-ingress.ts';

export const handler = httpHandler('ingestRecords', async ({ event, context, container }) => {
  const { sourceId } = parsePath(event, SourceIdPath, 'source-not-found');
  const body = rawBody(event);
  const { source, principal } = await authenticateSource(container, event, sourceId, body);
  const ingest = async () => {
    const normaliser = await liveNormaliser(container, source);
    if (normaliser.target === 'referral') {
      const referrals = await ingestReferrals(
        container.referralDeps,
        source,
        principal,
        normaliser,
        parseJsonBody(event),
      );
      container.metrics.addMetric('ReferralsIngested', MetricUnit.Count, referrals.length);
      container.metrics.publishStoredMetrics();
      return json(202, { referrals });
    }
    const results = await ingestRecords(container, source, normaliser, parseJsonBody(event));
    container.metrics.addMetric('RecordsIngested', MetricUnit.Count, results.length);
    container.metrics.publishStoredMetrics();
    return json(202, { records: results });
  };
  const webhookId = header(event, 'webhook-id');
  return webhookId ? idempotentByWebhookId(container, source.id, webhookId, body, context, ingest) : ingest();
});
