// Run inside Freeplane by check.sh (menu key "Nosmapreport_on_selected_node", i.e.
// `freeplane -XNosmapreport_on_selected_node MAP`). Writes what Freeplane made of the map it
// loaded to the file named by the system property nosmap.freeplane.report, one line a record,
// tab-separated (tabs, newlines and backslashes in values are written as \t, \n and \\):
//   map      <file Freeplane has open>
//   node     <depth> <ID> <text> <IDs sharing content> <IDs sharing content+subtree> <note as plain text> <attributes as name=value;...>
//   summary  nodes=N notes=N attributes=N clones=N
//   error    <message>   (map not the one asked for; subtree clones that differ in children)
// Freeplane 1.7 API: https://docs.freeplane.org/api/ (NodeRO, MindMapRO).
import org.freeplane.core.util.HtmlUtils

def out = new File(System.getProperty("nosmap.freeplane.report"))
def expected = System.getProperty("nosmap.freeplane.map")
def esc = { s -> s == null ? "" : s.toString().replace("\\", "\\\\").replace("\t", "\\t").replace("\r", "").replace("\n", "\\n") }
def lines = []
def map = node.map
def file = map.file
lines << "map\t" + esc(file?.canonicalPath)
if (expected != null && (file == null || file.canonicalPath != new File(expected).canonicalPath)) {
    lines << "error\tFreeplane has " + esc(file?.path) + " open, not " + esc(expected)
}
int nodes = 0, notes = 0, attributes = 0, clones = 0
def noteNode = null
def walk
walk = { n, int depth ->
    nodes++
    def note = n.noteText
    def notePlain = note == null ? "" : HtmlUtils.htmlToPlain(note).trim()
    if (note != null) { notes++; if (noteNode == null) noteNode = n }
    def attrs = n.attributes
    def attrText = (0..<attrs.size()).collect { i -> attrs.getKey(i) + "=" + attrs.get(i) }.join(";")
    attributes += attrs.size()
    def content = n.nodesSharingContent.collect { it.id }.sort()
    def tree = n.nodesSharingContentAndSubtree.collect { it.id }.sort()
    if (!content.isEmpty()) clones++
    // A subtree clone whose children were not written as clones loads without them (silently).
    n.nodesSharingContentAndSubtree.each { other ->
        if (other.children.size() != n.children.size())
            lines << "error\tsubtree clones ${n.id} and ${other.id} have ${n.children.size()} and ${other.children.size()} children"
    }
    lines << ["node", depth, n.id, esc(n.text), content.join(","), tree.join(","), esc(notePlain), esc(attrText)].join("\t")
    n.children.each { walk(it, depth + 1) }
}
walk(map.root, 0)
lines << "summary\tnodes=${nodes}\tnotes=${notes}\tattributes=${attributes}\tclones=${clones}"
// Show a note in the screenshot: select the first node that has one (the note panel shows it).
if (noteNode != null) c.select(noteNode)
out.text = lines.join("\n") + "\n"
