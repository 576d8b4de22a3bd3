/** Plugin folders given to the tools by path: folders and zips of them. */
package floe.distribution.folder;
