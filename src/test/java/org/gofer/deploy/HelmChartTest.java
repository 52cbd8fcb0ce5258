package org.gofer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.gofer.sandbox.ContainerLabels;
import org.gofer.testsupport.StrictKubernetesModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Gofer's Helm chart ({@code deploy/helm/gofer}), linted and rendered by the real {@code helm}, with
 * the chart's default values and with a set of overrides; every rendered document is read strictly
 * into the Kubernetes model ({@link StrictKubernetesModel}), and what the chart promises is checked
 * on the typed objects: a non-root Deployment with a read-only root filesystem, a
 * PersistentVolumeClaim behind the gradebook and the raw submissions, a Role in the grading
 * namespace that grants exactly what the Kubernetes executor calls, and a NetworkPolicy that cuts
 * the grading pods off. Skipped, with the command that installs it, when Helm is absent.
 */
class HelmChartTest {
    /**
     * What {@code org.gofer.sandbox.kubernetes} calls, by resource: jobs are created, read, listed
     * (the sweeper), watched and deleted; pods are watched until they run, deleted by name (the wall
     * clock) and by label selector (a Job's pods, which the API authorises as deletecollection);
     * a pod's stdin is attached and its log read; the run secret is created, read, listed (the
     * sweeper) and deleted.
     */
    private static final Map<String, Set<String>> EXECUTOR_NEEDS = Map.of(
            "batch/jobs", Set.of("create", "get", "list", "watch", "delete"),
            "/pods", Set.of("get", "list", "watch", "delete", "deletecollection"),
            "/pods/log", Set.of("get"),
            "/pods/attach", Set.of("create", "get"),
            "/secrets", Set.of("create", "get", "list", "delete"));

    private static final Set<String> KINDS = Set.of(
            "Deployment", "Service", "ServiceAccount", "PersistentVolumeClaim", "Role", "RoleBinding", "NetworkPolicy");

    @TempDir
    static Path tmp;

    @BeforeEach
    void helmIsInstalled() {
        HelmChart.assumeHelmIsInstalled();
    }

    @ParameterizedTest
    @EnumSource(ChartValues.class)
    void theChartLintsCleanly(ChartValues values) throws Exception {
        String out = HelmChart.lint(values, tmp);

        assertThat(out).contains("1 chart(s) linted, 0 chart(s) failed");
    }

    @ParameterizedTest
    @EnumSource(ChartValues.class)
    void everyDocumentIsAKubernetesObjectWithNoUnknownField(ChartValues values) throws Exception {
        List<HasMetadata> docs = render(values);

        assertThat(docs).extracting(HasMetadata::getKind).containsExactlyInAnyOrderElementsOf(KINDS);
        assertThat(docs)
                .allSatisfy(d -> assertThat(d.getMetadata().getName())
                        .hasSizeLessThanOrEqualTo(63)
                        .matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?"));
    }

    @ParameterizedTest
    @EnumSource(ChartValues.class)
    void theDeploymentRunsAsNonRootOnAReadOnlyRootFilesystem(ChartValues values) throws Exception {
        Deployment deployment = one(render(values), Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();

        assertThat(deployment.getSpec().getReplicas())
                .as("one writer of the SQLite gradebook")
                .isEqualTo(1);
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getContainers()).singleElement().satisfies(c -> {
            assertThat(c.getImage()).isEqualTo(values.image);
            assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            assertThat(c.getSecurityContext().getPrivileged()).isNotEqualTo(Boolean.TRUE);
            assertThat(Objects.equals(c.getSecurityContext().getRunAsUser(), 0L))
                    .as("the container does not put root back")
                    .isFalse();
            assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(c.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
            assertThat(env(c, "GOFER_EXECUTOR")).isEqualTo("kubernetes");
            assertThat(env(c, "GOFER_K8S_NAMESPACE")).isEqualTo(values.gradingNamespace);
        });
        assertThat(pod.getInitContainers()).isNullOrEmpty();
        assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getHostPID()).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getVolumes())
                .as("the root filesystem is read-only: what Gofer writes goes to the claim or a scratch emptyDir")
                .allSatisfy(v -> assertThat(v.getPersistentVolumeClaim() != null || v.getEmptyDir() != null)
                        .as("volume %s", v.getName())
                        .isTrue());
    }

    @ParameterizedTest
    @EnumSource(ChartValues.class)
    void aPersistentVolumeClaimHoldsTheGradebookAndTheRawSubmissions(ChartValues values) throws Exception {
        List<HasMetadata> docs = render(values);
        PersistentVolumeClaim claim = one(docs, PersistentVolumeClaim.class);
        PodSpec pod = one(docs, Deployment.class).getSpec().getTemplate().getSpec();
        Container gofer = pod.getContainers().get(0);

        assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
        assertThat(claim.getSpec().getResources().getRequests().get("storage").toString())
                .isEqualTo(values.size);
        assertThat(claim.getSpec().getStorageClassName()).isEqualTo(values.storageClass);
        Volume data = pod.getVolumes().stream()
                .filter(v -> v.getPersistentVolumeClaim() != null)
                .filter(v -> v.getPersistentVolumeClaim()
                        .getClaimName()
                        .equals(claim.getMetadata().getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no volume of the Deployment uses the claim"));
        VolumeMount mount = gofer.getVolumeMounts().stream()
                .filter(m -> m.getName().equals(data.getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the claim's volume is not mounted"));
        assertThat(mount.getReadOnly()).isNotEqualTo(Boolean.TRUE);
        assertThat(mount.getSubPath()).isNullOrEmpty();
        assertThat(List.of(env(gofer, "GOFER_DB"), env(gofer, "GOFER_DATA_DIR")))
                .allSatisfy(p -> assertThat(p).startsWith(mount.getMountPath() + "/"));
    }

    @ParameterizedTest
    @EnumSource(ChartValues.class)
    void theRoleGrantsTheExecutorWhatItCallsInTheGradingNamespaceOnly(ChartValues values) throws Exception {
        List<HasMetadata> docs = render(values);
        Role role = one(docs, Role.class);
        RoleBinding binding = one(docs, RoleBinding.class);
        ServiceAccount account = one(docs, ServiceAccount.class);
        Deployment deployment = one(docs, Deployment.class);

        assertThat(role.getMetadata().getNamespace()).isEqualTo(values.gradingNamespace);
        Map<String, Set<String>> granted = new TreeMap<>();
        for (PolicyRule rule : role.getRules()) {
            assertThat(rule.getResourceNames())
                    .as("the executor's objects have generated names")
                    .isNullOrEmpty();
            assertThat(rule.getNonResourceURLs()).isNullOrEmpty();
            assertThat(rule.getApiGroups()).isNotEmpty().doesNotContain("*");
            assertThat(rule.getResources()).isNotEmpty().doesNotContain("*").noneMatch(r -> r.endsWith("/*"));
            assertThat(rule.getVerbs()).isNotEmpty().doesNotContain("*");
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    granted.computeIfAbsent(group + "/" + resource, k -> new TreeSet<>())
                            .addAll(rule.getVerbs());
                }
            }
        }
        assertThat(granted).isEqualTo(new TreeMap<>(EXECUTOR_NEEDS));

        assertThat(binding.getMetadata().getNamespace()).isEqualTo(values.gradingNamespace);
        assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getKind()).isEqualTo("ServiceAccount");
            assertThat(s.getName()).isEqualTo(account.getMetadata().getName());
            assertThat(s.getNamespace()).isEqualTo(HelmChart.RELEASE_NAMESPACE);
        });
        assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName())
                .isEqualTo(account.getMetadata().getName());
    }

    @ParameterizedTest
    @EnumSource(ChartValues.class)
    void theNetworkPolicyCutsTheGradingPodsOff(ChartValues values) throws Exception {
        NetworkPolicy policy = one(render(values), NetworkPolicy.class);
        Map<String, String> gradingPodLabels = new ContainerLabels("any-deployment", "any-instance").forSubmission(1);

        assertThat(policy.getMetadata().getNamespace()).isEqualTo(values.gradingNamespace);
        assertThat(policy.getSpec().getPodSelector().getMatchExpressions()).isNullOrEmpty();
        assertThat(policy.getSpec().getPodSelector().getMatchLabels())
                .as("selects every grading pod, of any deployment")
                .containsExactly(Map.entry(ContainerLabels.MANAGED, "true"));
        assertThat(gradingPodLabels)
                .containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
        assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(policy.getSpec().getIngress())
                .as("no ingress rule: all ingress denied")
                .isNullOrEmpty();
        assertThat(policy.getSpec().getEgress())
                .as("no egress rule: all egress denied")
                .isNullOrEmpty();
    }

    private static List<HasMetadata> render(ChartValues values) throws Exception {
        return HelmChart.template(values, tmp).stream()
                .map(doc -> StrictKubernetesModel.read(doc.toString()))
                .toList();
    }

    private static <T extends HasMetadata> T one(List<HasMetadata> docs, Class<T> type) {
        List<T> found = docs.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(found).as("rendered %s", type.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    private static String env(Container c, String name) {
        return c.getEnv().stream()
                .filter(e -> e.getName().equals(name))
                .map(EnvVar::getValue)
                .findFirst()
                .orElseThrow(() -> new AssertionError("the Deployment does not set " + name));
    }
}
