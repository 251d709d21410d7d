import { Section, Text } from '@react-email/components';
import { EmailLayout } from './email-layout';

export type SecurityNoticeProps = { name: string; heading: string; paragraphs: string[]; footer?: string };

export const DEFAULT_FOOTER =
  'If this wasn’t you, change your password from Account › Security at once and tell your company’s Latchkey administrator.';
/** For changes an administrator made to someone else's account. */
export const ADMIN_CHANGE_FOOTER = 'If you did not expect this change, contact your company’s Latchkey administrator.';

/** The email a user receives after any change to how they sign in. */
export function SecurityNoticeEmail({ name, heading, paragraphs, footer = DEFAULT_FOOTER }: SecurityNoticeProps) {
  return (
    <EmailLayout preview={heading} heading={heading}>
      <Text>Hello {name},</Text>
      <Section>
        {paragraphs.map((p) => (
          <Text key={p}>{p}</Text>
        ))}
      </Section>
      <Text style={{ color: '#64748b', fontSize: 13 }}>{footer}</Text>
    </EmailLayout>
  );
}
