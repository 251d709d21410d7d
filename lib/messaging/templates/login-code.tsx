import { Body, Container, Head, Heading, Html, Preview, Text } from '@react-email/components';

/** The email that carries a 6-digit sign-in code. */
export function LoginCodeEmail({ name, code, minutes }: { name: string; code: string; minutes: number }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>Your Latchkey sign-in code is {code}</Preview>
      <Body style={{ backgroundColor: '#f8fafc', fontFamily: 'system-ui, sans-serif' }}>
        <Container style={{ backgroundColor: '#ffffff', border: '1px solid #e2e8f0', borderRadius: 8, margin: '24px auto', padding: 24, maxWidth: 520 }}>
          <Text style={{ color: '#4338ca', fontWeight: 700, margin: 0 }}>Latchkey</Text>
          <Heading as="h1" style={{ fontSize: 20, color: '#0f172a' }}>
            Your sign-in code
          </Heading>
          <Text>Hello {name}, enter this code to finish signing in:</Text>
          <Text data-code={code} style={{ fontSize: 32, fontWeight: 700, letterSpacing: 6, fontFamily: 'monospace' }}>
            {code}
          </Text>
          <Text>
            It expires in {minutes} minutes and works once. Latchkey will never ask you for this code by phone or email.
          </Text>
          <Text style={{ color: '#64748b', fontSize: 13 }}>
            Didn’t try to sign in? Someone knows your password: change it now and tell your administrator.
          </Text>
        </Container>
      </Body>
    </Html>
  );
}
