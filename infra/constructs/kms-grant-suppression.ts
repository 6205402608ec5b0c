import type { IConstruct } from 'constructs';
import { NagSuppressions } from 'cdk-nag';

/**
 * CDK's encrypt grants on a customer-managed key carry `kms:GenerateDataKey*` and `kms:ReEncrypt*`, which
 * cdk-nag flags as wildcards. They are action families of one key, whose ARN is the statement's only
 * resource; this suppresses exactly those two actions on `role` and nothing else.
 */
export function suppressKeyActionWildcards(role: IConstruct, use: string): void {
  NagSuppressions.addResourceSuppressions(
    role,
    [
      {
        id: 'AwsSolutions-IAM5',
        reason: `${use} under a customer-managed key needs kms:GenerateDataKey* and kms:ReEncrypt*; the statement's only resource is that key's ARN.`,
        appliesTo: ['Action::kms:GenerateDataKey*', 'Action::kms:ReEncrypt*'],
      },
    ],
    true,
  );
}
