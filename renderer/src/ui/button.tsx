// Buttons every feature uses: a text button (primary, plain, danger) and an icon button whose
// name is its tooltip, so an icon never goes unnamed.
import { forwardRef, type ButtonHTMLAttributes, type ReactNode } from 'react';
import { Tip } from './tooltip';
import './button.css';

type Variant = 'primary' | 'plain' | 'danger' | 'quiet';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  icon?: ReactNode;
}

export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button({ variant = 'plain', icon, className, children, type = 'button', ...rest }, ref) {
  return (
    <button ref={ref} type={type} className={`btn btn-${variant}${className ? ` ${className}` : ''}`} {...rest}>
      {icon}
      {children}
    </button>
  );
});

export interface IconButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'aria-label'> {
  /** The accessible name, shown as the tooltip too. */
  label: string;
  /** A key to mention in the tooltip, e.g. "Space". */
  shortcut?: string;
  pressed?: boolean;
  children: ReactNode;
}

export const IconButton = forwardRef<HTMLButtonElement, IconButtonProps>(function IconButton({ label, shortcut, pressed, className, children, type = 'button', ...rest }, ref) {
  return (
    <Tip text={label} shortcut={shortcut}>
      <button ref={ref} type={type} aria-label={label} aria-pressed={pressed} className={`icon-btn${className ? ` ${className}` : ''}`} {...rest}>
        {children}
      </button>
    </Tip>
  );
});
