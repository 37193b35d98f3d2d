/** The `region` and `account` props: well formed, and not contradicting the provider that creates the resources. */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { EcsHighResMetrics, type EcsHighResMetricsProps } from '../../../modules';

function given(provider: { region?: string; allowedAccountIds?: string[]; alias?: string }, props: Partial<EcsHighResMetricsProps>) {
  const stack = new TerraformStack(Testing.app(), 'test');
  const aws = new AwsProvider(stack, 'aws', provider);
  return () =>
    new EcsHighResMetrics(stack, 'pipeline', {
      clusters: ['prod'],
      ...(provider.alias ? { provider: aws } : {}),
      ...props,
    });
}

describe('region and account props', () => {
  test.each(['us-east', 'US-EAST-1', 'useast1', 'us-east-1 ', ''])('region "%s" is refused with the field and the fix', (region) => {
    expect(given({ region: 'us-east-1' }, { region })).toThrow(
      `region: "${region}" is not an AWS region name: use a region such as us-east-1 or eu-west-1, or leave region out to read it from the provider`,
    );
  });

  test.each(['12345', '1111111111111', 'abcdefghijkl', ''])('account "%s" is refused with the field and the fix', (account) => {
    expect(given({}, { account })).toThrow(`account: "${account}" is not an AWS account ID: use the account's 12 digits`);
  });

  test.each(['us-gov-west-1', 'cn-northwest-1', 'eusc-de-east-1', 'xx-future-9'])('well-formed region %s is accepted', (region) => {
    expect(given({ region }, { region, account: '111111111111' })).not.toThrow();
  });

  test("a region prop that differs from the default provider's literal region is an error naming both", () => {
    expect(given({ region: 'eu-west-1' }, { region: 'us-east-1', account: '111111111111' })).toThrow(
      'region: "us-east-1" is not the region of the provider test/aws ("eu-west-1"), which creates the resources: set region to "eu-west-1", leave it out, or pass the provider of us-east-1',
    );
  });

  test('the same check applies to an aliased provider passed as prop', () => {
    expect(given({ region: 'eu-west-1', alias: 'eu' }, { region: 'us-east-1' })).toThrow(
      '"us-east-1" is not the region of the provider test/aws ("eu-west-1")',
    );
  });

  test("an account prop outside the provider's allowed_account_ids is an error naming both", () => {
    expect(given({ region: 'us-east-1', allowedAccountIds: ['222222222222'] }, { account: '111111111111' })).toThrow(
      'account: "111111111111" is not the account the provider test/aws is limited to (allowed_account_ids "222222222222")',
    );
  });

  test('region and account matching the provider, or a provider without region, are accepted', () => {
    expect(given({ region: 'eu-west-1', allowedAccountIds: ['111111111111'] }, { region: 'eu-west-1', account: '111111111111' })).not.toThrow();
    expect(given({}, { region: 'eu-west-1' })).not.toThrow();
  });
});
