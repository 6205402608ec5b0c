import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';

/**
 * An alarm that fires on the first occurrence in one period (an error, a throttle, a dead letter): at
 * Relais's volumes any of these deserves a look, and no data means nothing happened.
 */
export function alarmOnAny(
  scope: Construct,
  id: string,
  props: { description: string; metric: IMetric; topic?: ITopic },
): Alarm {
  const alarm = new Alarm(scope, id, {
    alarmDescription: props.description,
    metric: props.metric,
    threshold: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  if (props.topic) alarm.addAlarmAction(new SnsAction(props.topic));
  return alarm;
}
