package nnlab.checks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The parts of a pom.xml the version check reads: properties and every versioned dependency or plugin. */
final class PomModel {

    private static final String DEFAULT_PLUGIN_GROUP = "org.apache.maven.plugins";
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    /**
     * A dependency or plugin with an explicit version.
     *
     * @param where        e.g. "dependencyManagement", "plugins"
     * @param version      as written, e.g. "${junit.version}"
     */
    record Pinned(String where, String groupId, String artifactId, String version) {
        String key() {
            return groupId + ":" + artifactId;
        }
    }

    final Path file;
    final boolean hasParent;
    final Map<String, String> properties = new LinkedHashMap<>();
    final List<Pinned> pinned = new ArrayList<>();

    private PomModel(Path file, Document document) {
        this.file = file;
        Element project = document.getDocumentElement();
        hasParent = child(project, "parent") != null;
        Element props = child(project, "properties");
        if (props != null) {
            for (Element p : children(props)) {
                properties.put(p.getTagName(), p.getTextContent().trim());
            }
        }
        collect(child(child(project, "dependencyManagement"), "dependencies"), "dependency", "dependencyManagement");
        collect(child(project, "dependencies"), "dependency", "dependencies");
        Element build = child(project, "build");
        collect(child(build, "plugins"), "plugin", "build/plugins");
        collect(child(child(build, "pluginManagement"), "plugins"), "plugin", "build/pluginManagement");
    }

    static PomModel read(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return new PomModel(file, factory.newDocumentBuilder().parse(file.toFile()));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot parse " + file + ": " + e.getMessage(), e);
        }
    }

    /** Replaces every ${name} with this pom's property; an unknown property is left as written. */
    String resolve(String value) {
        Matcher m = PROPERTY.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(properties.getOrDefault(m.group(1), m.group())));
        }
        return m.appendTail(out).toString();
    }

    private void collect(Element list, String tag, String where) {
        if (list == null) {
            return;
        }
        for (Element item : children(list)) {
            if (!item.getTagName().equals(tag)) {
                continue;
            }
            Element version = child(item, "version");
            if (version != null) {
                Element group = child(item, "groupId");
                String groupId = group != null ? group.getTextContent().trim() : DEFAULT_PLUGIN_GROUP;
                pinned.add(new Pinned(where, groupId, child(item, "artifactId").getTextContent().trim(),
                        version.getTextContent().trim()));
            }
        }
    }

    private static Element child(Element parent, String tag) {
        if (parent == null) {
            return null;
        }
        for (Element e : children(parent)) {
            if (e.getTagName().equals(tag)) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                out.add((Element) nodes.item(i));
            }
        }
        return out;
    }
}
