// The frame every dialog shares: the dimmed page behind, a titled card, Esc and the close button
// to leave, focus kept inside. The body and the buttons are the caller's.
import * as Dialog from '@radix-ui/react-dialog';
import { X } from 'lucide-react';
import type { ReactNode } from 'react';
import './dialog-shell.css';

export interface DialogShellProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  title: string;
  /** Said under the title and read as the dialog's description. */
  description?: ReactNode;
  /** The label of the corner close button. */
  closeLabel: string;
  /** The buttons, right-aligned at the bottom. */
  footer?: ReactNode;
  children?: ReactNode;
  width?: 'narrow' | 'wide';
  /** Where focus goes when the dialog opens (default: the first control). */
  onOpenAutoFocus?: (event: Event) => void;
}

export function DialogShell({ open, onOpenChange, title, description, closeLabel, footer, children, width = 'narrow', onOpenAutoFocus }: DialogShellProps) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className={`dialog dialog-${width}`} onOpenAutoFocus={onOpenAutoFocus} {...(description ? {} : { 'aria-describedby': undefined })}>
          <div className="dialog-head">
            <Dialog.Title className="dialog-title">{title}</Dialog.Title>
            <Dialog.Close className="dialog-close" aria-label={closeLabel}>
              <X size={16} aria-hidden />
            </Dialog.Close>
          </div>
          {description && <Dialog.Description className="dialog-description">{description}</Dialog.Description>}
          {children && <div className="dialog-body">{children}</div>}
          {footer && <div className="dialog-footer">{footer}</div>}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
