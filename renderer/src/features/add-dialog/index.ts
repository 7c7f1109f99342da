// The add dialog and the window-wide drop and paste of links.
export { AddDialog } from './add-dialog';
export { DropTarget } from './drop-target';
