/** The state machine's Lambda integration ARN follows the pipeline's partition (China, GovCloud). */
import { partitionOf } from '../../../modules/common/environment';
import { stateMachineDefinition } from '../../../modules/pipeline/state-machine-definition';
import { only, synthPipeline } from '../../support/synth';

const taskResources = (definition: any): string[] =>
  (definition.States.Ticks.Branches as any[]).flatMap((branch) =>
    Object.values(branch.States as Record<string, any>)
      .filter((s) => s.Type === 'Task')
      .map((s) => s.Resource),
  );

describe('the lambda:invoke integration ARN', () => {
  test.each([
    ['aws-cn', 'arn:aws-cn:states:::lambda:invoke'],
    ['aws-us-gov', 'arn:aws-us-gov:states:::lambda:invoke'],
  ])('is in partition %s when the definition is built for it', (partition, arn) => {
    const definition = stateMachineDefinition({ intervalSeconds: 30, collectorArn: 'fn', partition });
    expect(taskResources(definition)).toEqual([arn, arn]);
  });

  test('GIVEN a pipeline in cn-north-1 THEN every task uses the aws-cn integration', () => {
    const { tf } = synthPipeline({ region: 'cn-north-1', intervalSeconds: 30 });
    const definition = JSON.parse(only(tf, 'aws_sfn_state_machine').definition);
    expect(taskResources(definition)).toEqual(['arn:aws-cn:states:::lambda:invoke', 'arn:aws-cn:states:::lambda:invoke']);
  });

  test('GIVEN no region prop THEN the integration ARN references the aws_partition data source', () => {
    const { tf } = synthPipeline({ region: undefined, account: undefined, intervalSeconds: 30 });
    const partition = Object.keys(tf.data.aws_partition)[0];
    const definition = JSON.parse(only(tf, 'aws_sfn_state_machine').definition);
    expect(taskResources(definition)).toEqual([0, 1].map(() => `arn:\${data.aws_partition.${partition}.partition}:states:::lambda:invoke`));
  });
});

describe('the partition of a region', () => {
  test.each([
    ['us-east-1', 'aws'],
    ['eusc-de-east-1', 'aws-eusc'],
    ['cn-northwest-1', 'aws-cn'],
    ['us-gov-east-1', 'aws-us-gov'],
    ['us-iso-east-1', 'aws-iso'],
    ['us-isob-east-1', 'aws-iso-b'],
    ['eu-isoe-west-1', 'aws-iso-e'],
    ['us-isof-south-1', 'aws-iso-f'],
  ])('%s is in %s', (region, partition) => {
    expect(partitionOf(region)).toBe(partition);
  });
});
