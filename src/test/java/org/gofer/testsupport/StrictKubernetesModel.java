package org.gofer.testsupport;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads a manifest into the fabric8 Kubernetes model strictly, as an API server with field
 * validation {@code Strict} would: the kind must be one the model knows, every value must have the
 * type the model says (Jackson fails otherwise), and no object anywhere in the tree may carry a
 * field the model does not know. fabric8 does not fail on those itself: it keeps them in each
 * object's {@code additionalProperties}, so this walks the whole tree and reports every one, with
 * its path. A misspelt or misplaced key in a chart ({@code readOnlyRootFileSystem},
 * {@code securityContext} one level too high) is caught here, where the API server would drop it
 * or refuse it.
 */
public final class StrictKubernetesModel {
    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

    private StrictKubernetesModel() {}

    /**
     * @param json one manifest, as JSON
     * @return the typed resource
     * @throws IllegalArgumentException naming the kind, or every unknown field with its path
     */
    public static HasMetadata read(String json) {
        KubernetesResource resource = Serialization.unmarshal(json);
        if (!(resource instanceof HasMetadata typed) || resource instanceof GenericKubernetesResource) {
            throw new IllegalArgumentException("not a kind the Kubernetes model knows: " + json);
        }
        List<String> unknown = new ArrayList<>();
        collectUnknownFields(typed, typed.getKind(), unknown);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(typed.getKind() + " "
                    + typed.getMetadata().getName() + " has fields the Kubernetes model does not know: " + unknown);
        }
        return typed;
    }

    private static void collectUnknownFields(Object node, String path, List<String> unknown) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collectUnknownFields(v, path + "." + k, unknown));
        } else if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collectUnknownFields(item, path + "[" + i++ + "]", unknown);
            }
        } else if (node != null && node.getClass().getName().startsWith(MODEL_PACKAGE)) {
            for (Class<?> c = node.getClass(); c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers())) {
                        continue;
                    }
                    Object value = value(field, node);
                    if (field.getName().equals("additionalProperties") && value instanceof Map<?, ?> extra) {
                        extra.keySet().forEach(k -> unknown.add(path + "." + k));
                    } else {
                        collectUnknownFields(value, path + "." + field.getName(), unknown);
                    }
                }
            }
        }
    }

    private static Object value(Field field, Object node) {
        try {
            field.setAccessible(true);
            return field.get(node);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
    }
}
