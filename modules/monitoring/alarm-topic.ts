/**
 * The SNS topic the library can create for a pipeline's alarms, and its access policy: only
 * CloudWatch alarms of this account and region may publish to it. Pure.
 */
import type { Environment } from '../common/environment';
import type { PolicyDocument } from '../common/policy-document';
import { alarmArn } from './alarm-definition';

export function alarmTopicArn(env: Environment, name: string): string {
  return `arn:${env.partition}:sns:${env.region}:${env.account}:${name}`;
}

/**
 * Replaces SNS's default policy (every principal of the account may manage the topic): people
 * and tools of the account still act through their own IAM policies.
 */
export function alarmTopicPolicy(env: Environment, topicName: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AlarmsOfThisAccountPublish',
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: alarmTopicArn(env, topicName),
        // The alarm ARN pins the account and region, so another account's CloudWatch cannot be made to publish here.
        Condition: { ArnLike: { 'aws:SourceArn': alarmArn(env, '*') } },
      },
    ],
  };
}
