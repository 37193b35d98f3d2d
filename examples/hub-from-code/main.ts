/**
 * Hub mode from code: a hub and the spoke of each member account in your own cdktf app, each in
 * its own stack with its own provider. Run it with `npx tsx examples/hub-from-code/main.ts` (it
 * writes cdktf.out/); a test runs it, and checks that the README
 * ("Hub mode from code") shows exactly this code, importing from 'cdktf-ecs-highres-metrics'.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { EcsHighResMetricsHub, EcsHighResMetricsSpoke } from '../../modules';

const app = new App();

// The hub: one pipeline in the monitoring account-region, collecting every target through its spoke role.
const hubStack = new TerraformStack(app, 'acme-ecs-hub');
new AwsProvider(hubStack, 'aws', { region: 'eu-west-1', allowedAccountIds: ['999999999999'] });
const hub = new EcsHighResMetricsHub(hubStack, 'hub', {
  name: 'acme-ecs',
  account: '999999999999', // literal account and region: each spoke role trusts the hub's collector role by its ARN
  region: 'eu-west-1',
  rolePath: '/platform/',
  externalId: 'acme-ecs-hub',
  targets: [
    { account: '111111111111', region: 'us-east-1', clusters: ['prod-api', 'prod-workers'] },
    { account: '111111111111', region: 'eu-west-1', clusters: '*' },
    { account: '222222222222', region: 'us-west-2', clusters: ['staging'] },
  ],
});

// One spoke per member account, in that account: forHub gives it the hub's name, role path,
// external ID, spoke role and metrics, and the hub's targets of the account.
for (const account of ['111111111111', '222222222222']) {
  const stack = new TerraformStack(app, `acme-ecs-spoke-${account}`);
  new AwsProvider(stack, 'aws', {
    region: 'us-east-1',
    allowedAccountIds: [account],
    assumeRole: [{ roleArn: `arn:aws:iam::${account}:role/terraform` }],
  });
  EcsHighResMetricsSpoke.forHub(stack, 'spoke', hub, { account });
}

app.synth();
