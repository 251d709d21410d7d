import { Text } from '@react-email/components';
import { EmailLayout } from './email-layout';

/** The email that carries a 6-digit sign-in code. */
export function LoginCodeEmail({ name, code, minutes }: { name: string; code: string; minutes: number }) {
  return (
    <EmailLayout preview={`Your Latchkey sign-in code is ${code}`} heading="Your sign-in code">
      <Text>Hello {name}, enter this code to finish signing in:</Text>
      <Text style={{ fontSize: 32, fontWeight: 700, letterSpacing: 6, fontFamily: 'monospace' }}>{code}</Text>
      <Text>
        It expires in {minutes} minutes and works once. Latchkey will never ask you for this code by phone or email.
      </Text>
      <Text style={{ color: '#64748b', fontSize: 13 }}>
        Didn’t try to sign in? Someone knows your password: change it now and tell your administrator.
      </Text>
    </EmailLayout>
  );
}
