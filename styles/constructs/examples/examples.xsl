<?xml version="1.0" encoding="UTF-8"?>
<!-- Examples of markup (TEI egXML), shown as their source, not rendered as TEI. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:eg="http://www.tei-c.org/ns/Examples"
    xmlns:str="http://exslt.org/strings"
    xmlns:exsl="http://exslt.org/common"
    extension-element-prefixes="str exsl"
    exclude-result-prefixes="tei eg str exsl">

  <!-- ============ examples of markup ============ -->
  <!-- egXML holds an example of TEI markup: a reader of it wants to see the markup. It is
       shown as its XML source, as written (white space kept): pre.egXML > code where
       blocks are allowed, code.egXML in running text. Tags are span.eg-tag, so that the
       stylesheets can set them apart; ids inside the example stay anchors. -->
  <xsl:template match="eg:egXML">
    <xsl:variable name="flow"><xsl:apply-templates select=".." mode="is-flow"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="$flow = 'y'">
        <pre class="egXML" data-tei="egXML">
          <xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if>
          <code><xsl:apply-templates mode="example"/></code>
        </pre>
      </xsl:when>
      <xsl:otherwise>
        <code class="egXML" data-tei="egXML">
          <xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if>
          <xsl:apply-templates mode="example"/>
        </code>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A specification written in the text (an ODD: TEI Lite's schemaSpec, a specGrp of
       elementSpecs, a moduleRef) is shown as its source, as an example is: it is markup
       about markup, and rendered as TEI it showed nothing ("Here is the TEI Lite schema
       itself:" and an empty page). -->
  <xsl:template match="tei:schemaSpec | tei:specGrp | tei:elementSpec | tei:classSpec | tei:macroSpec | tei:dataSpec | tei:moduleSpec
      | tei:moduleRef[not(ancestor::tei:schemaSpec or ancestor::tei:specGrp)]">
    <xsl:variable name="flow"><xsl:apply-templates select=".." mode="is-flow"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="$flow = 'y'">
        <pre class="egXML" data-tei="{local-name()}"><code><xsl:apply-templates select="." mode="example"/></code></pre>
      </xsl:when>
      <xsl:otherwise><code class="egXML" data-tei="{local-name()}"><xsl:apply-templates select="." mode="example"/></code></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A list of the elements a passage discusses (specList of specDesc key="…"): each
       element's name, as the Guidelines write it, with the attributes it names. -->
  <xsl:template match="tei:specList">
    <xsl:variable name="flow"><xsl:apply-templates select=".." mode="is-flow"/></xsl:variable>
    <!-- (in a paragraph, where TEI Lite writes it, a phrase: the names one after another) -->
    <xsl:element name="{substring('spanul', 1 + 4 * ($flow = 'y'), 4 - 2 * ($flow = 'y'))}">
      <xsl:attribute name="class">specList</xsl:attribute>
      <xsl:call-template name="atts"/>
      <xsl:if test="$flow != 'y'"><xsl:text> </xsl:text></xsl:if>
      <xsl:for-each select="tei:specDesc[normalize-space(@key) != '']">
        <xsl:if test="$flow != 'y' and position() > 1"><xsl:text>, </xsl:text></xsl:if>
        <xsl:element name="{substring('spanli', 1 + 4 * ($flow = 'y'), 4 - 2 * ($flow = 'y'))}">
          <code class="gi"><xsl:value-of select="concat('&lt;', normalize-space(@key), '&gt;')"/></code>
          <xsl:if test="normalize-space(@atts) != ''">
            <xsl:text> </xsl:text>
            <xsl:for-each select="str:tokenize(normalize-space(@atts), ' ')">
              <xsl:if test="position() > 1"><xsl:text> </xsl:text></xsl:if>
              <code class="att"><xsl:value-of select="concat('@', .)"/></code>
            </xsl:for-each>
          </xsl:if>
        </xsl:element>
      </xsl:for-each>
    </xsl:element>
  </xsl:template>

  <!-- An example of another kind (eg: code, a command, a notation), as written: pre.eg >
       code between blocks, code.eg in running text. -->
  <xsl:template match="tei:eg">
    <xsl:variable name="flow"><xsl:apply-templates select=".." mode="is-flow"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="$flow = 'y'">
        <pre class="eg"><xsl:call-template name="atts"/><code><xsl:apply-templates/></code></pre>
      </xsl:when>
      <!-- a listing of several lines inside a paragraph (DHQ's eg in a p) keeps its lines -->
      <xsl:when test="count(str:tokenize(string(.), '&#10;')[normalize-space(.) != '']) &gt; 1">
        <code class="eg lines"><xsl:call-template name="atts"/>
          <xsl:variable name="first" select="str:tokenize(string(.), '&#10;')[normalize-space(.) != ''][1]"/>
          <xsl:value-of select="concat($first, substring-after(., $first))"/>
        </code>
      </xsl:when>
      <xsl:otherwise>
        <code class="eg"><xsl:call-template name="atts"/><xsl:apply-templates/></code>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="*" mode="example">
    <xsl:if test="@xml:id"><span class="anchor" id="{@xml:id}"/></xsl:if>
    <span class="eg-tag">
      <xsl:text>&lt;</xsl:text><xsl:value-of select="name()"/>
      <xsl:for-each select="@*">
        <xsl:value-of select="concat(' ', name(), '=&quot;', ., '&quot;')"/>
      </xsl:for-each>
      <xsl:if test="not(node())"><xsl:text>/</xsl:text></xsl:if>
      <xsl:text>&gt;</xsl:text>
    </span>
    <xsl:if test="node()">
      <xsl:apply-templates mode="example"/>
      <span class="eg-tag"><xsl:value-of select="concat('&lt;/', name(), '&gt;')"/></span>
    </xsl:if>
  </xsl:template>
  <xsl:template match="comment()" mode="example">
    <span class="eg-comment"><xsl:value-of select="concat('&lt;!--', ., '--&gt;')"/></span>
  </xsl:template>
  <xsl:template match="processing-instruction()" mode="example"/>

</xsl:stylesheet>
