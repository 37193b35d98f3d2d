/**
 * AWS SDK clients that act in one emulated account: every request carries moto's
 * `x-moto-account-id` header, so the harness seeds and reads any account without its credentials.
 */
import type { FinalizeHandler, FinalizeHandlerArguments, MetadataBearer } from '@smithy/types';

interface SendingClient {
  middlewareStack: {
    add(middleware: (next: FinalizeHandler<object, MetadataBearer>) => FinalizeHandler<object, MetadataBearer>, options: object): void;
  };
}

type ClientClass<C> = new (config: {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  maxAttempts: number;
}) => C;

export function accountClient<C extends SendingClient>(Client: ClientClass<C>, endpoint: string, account: string, region: string): C {
  const client = new Client({
    endpoint,
    region,
    credentials: { accessKeyId: 'AKIAEMULATORHARNESS0', secretAccessKey: 'emulator-harness-secret' },
    maxAttempts: 2,
  });
  client.middlewareStack.add(
    (next) => async (args: FinalizeHandlerArguments<object>) => {
      (args.request as { headers: Record<string, string> }).headers['x-moto-account-id'] = account;
      return next(args);
    },
    { step: 'build', name: 'emulatedAccount' },
  );
  return client;
}
