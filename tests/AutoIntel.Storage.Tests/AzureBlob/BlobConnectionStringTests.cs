using AutoIntel.Storage.AzureBlob;

namespace AutoIntel.Storage.Tests.AzureBlob;

public sealed class BlobConnectionStringTests
{
    private const string Key = "a2V5LWZvci10aGUtZmFrZS1ibG9iLXNlcnZpY2UtMDEyMzQ1Njc4OQ==";

    [Theory]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=" + Key + ";EndpointSuffix=core.windows.net", "https://acct.blob.core.windows.net/")]
    [InlineData("AccountName=acct;AccountKey=" + Key, "https://acct.blob.core.windows.net/")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=" + Key + ";EndpointSuffix=core.chinacloudapi.cn", "https://acct.blob.core.chinacloudapi.cn/")]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + Key + ";BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;", "http://127.0.0.1:10000/devstoreaccount1/")]
    [InlineData(" usedevelopmentstorage = true ", "http://127.0.0.1:10000/devstoreaccount1/")]
    public void Parse_SupportedForms_GiveEndpointAndAccount(string value, string endpoint)
    {
        BlobConnectionString parsed = BlobConnectionString.Parse(value);

        parsed.BlobEndpoint.Should().Be(new Uri(endpoint));
        parsed.AccountName.Should().BeOneOf("acct", "devstoreaccount1");
        parsed.AccountKey.Should().NotBeEmpty();
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("AccountName=acct", "missing AccountKey")]
    [InlineData("AccountKey=" + Key, "missing AccountName")]
    [InlineData("AccountName=acct;AccountKey=not*base64", "not base64")]
    [InlineData("BlobEndpoint=https://acct.blob.core.windows.net/;SharedAccessSignature=sv=2020&sig=x", "SharedAccessSignature")]
    [InlineData("AccountName=acct;supersecretkeywithoutequals", "setting 2")]
    public void TryParse_Invalid_SaysWhatIsWrongWithoutEchoingSecrets(string value, string expected)
    {
        bool ok = BlobConnectionString.TryParse(value, out _, out string? error);

        ok.Should().BeFalse();
        error.Should().Contain(expected).And.NotContain("supersecret").And.NotContain("not*base64");
    }

    [Fact]
    public void ToString_NeverShowsTheKey() =>
        BlobConnectionString.Parse("AccountName=acct;AccountKey=" + Key).ToString().Should().NotContain(Key[..10]);
}
